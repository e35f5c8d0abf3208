import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, document, modes } from '@seats/testkit';
import {
  createMovie,
  createTrain,
  createVenue,
  movieInput,
  startCatalog,
  trainInput,
  venueInput,
  type CatalogFixture,
  type Movie,
  type Train,
  type Venue,
} from './support/catalog.js';

type Reps = { reps: Array<Record<string, unknown>> };
const entities = <E>(selection: string) =>
  document<{ _entities: Array<E | null> }, Reps>(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ${selection} } }`,
  );

interface TrainView {
  id: string;
  stations: Array<{ name: string }>;
  route: Array<{ index: number; station: { name: string } }>;
  coaches: Array<{ number: number; seats: Array<{ code: string }> }>;
  seats: Array<{ code: string }>;
}

interface ScreenView {
  id: string;
  name: string;
  venue: { id: string; name: string };
  layout: Array<{ id: string; code: string }>;
}

const movieEntities = entities<{ id: string; title: string }>('... on Movie { id title }');
const stationEntities = entities<{ id: string; name: string }>('... on Station { id name }');
const trainEntities = entities<TrainView>(
  '... on Train { id stations { name } route { index station { name } } coaches { number seats { code } } seats { code } }',
);
const venueEntities = entities<{ id: string; screens: ScreenView[] }>(
  '... on Venue { id screens { id name venue { id name } layout { id code } } }',
);
const screenEntities = entities<ScreenView>('... on Screen { id name venue { id name } layout { id code } }');
const trainPage = document<
  { trains: { edges: Array<{ node: TrainView }> } },
  { first: number }
>(`query($first: Int) { trains(first: $first) { edges { node {
  id stations { name } route { index station { name } } coaches { number seats { code } } seats { code }
} } } }`);
const venueList = document<{ venues: Array<{ id: string; screens: ScreenView[] }> }>(
  '{ venues { id screens { id name venue { id name } layout { id code } } } }',
);

const unknownId = () => randomUUID();
const malformedId = 'not-an-id';

/**
 * One `_entities` call (or root list) with N parents costs the same number
 * of statements as with one: every reference and per-parent field of the
 * catalog goes through the request's loaders.
 */
describe.each(modes)('catalog reads batched per request (%s)', (mode) => {
  let catalog: CatalogFixture;
  const movies: Movie[] = [];
  const trains: Train[] = [];
  const venues: Venue[] = [];

  beforeAll(async () => {
    catalog = await startCatalog(mode);
    for (let i = 0; i < 4; i++) {
      movies.push((await catalog.gql(createMovie, { input: movieInput({ title: `Batch ${i}` }) })).data!.createMovie);
    }
    for (let i = 0; i < 3; i++) {
      const input = trainInput({
        number: `BT ${i}`,
        route: [
          { stationName: `Origin ${i}`, departsAfterMinutes: 0 },
          { stationName: 'Junction', arrivesAfterMinutes: 30, departsAfterMinutes: 32 },
          { stationName: `Terminus ${i}`, arrivesAfterMinutes: 60 + i },
        ],
        coaches: Array.from({ length: i + 1 }, (_, c) => ({ travelClass: c === 0 ? 'FIRST' : 'SECOND', rows: 1 })),
      });
      trains.push((await catalog.gql(createTrain, { input })).data!.createTrain);
    }
    for (let i = 0; i < 3; i++) {
      const screens = Array.from({ length: 2 }, (_, s) => ({
        name: `Screen ${s + 1}`,
        rows: [{ row: 'A', from: 1, to: 2 + i + s, category: 'STANDARD' }],
      }));
      const input = venueInput({ name: `Batch Hall ${i}`, screens });
      venues.push((await catalog.gql(createVenue, { input })).data!.createVenue);
    }
  });
  afterAll(() => catalog?.dispose());

  /** The statements one call sends, after checking it answered without errors. */
  const run = async <T>(work: () => Promise<{ data?: T | null; errors?: readonly unknown[] }>) => {
    const { result, queries } = await countQueries(work);
    expect(result.errors).toBeUndefined();
    return { data: result.data, statements: queries.length };
  };

  it('resolves N movie references in as many statements as one, null for unknown and malformed ids', async () => {
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Movie', id }));
    const one = await run(() => catalog.gql(movieEntities, { reps: reps([movies[0]!.id]) }));
    const ids = [...movies.map((m) => m.id.toUpperCase()), unknownId(), malformedId];
    const many = await run(() => catalog.gql(movieEntities, { reps: reps(ids) }));
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(one.statements);
    expect(many.data?._entities).toEqual([...movies.map((m) => ({ id: m.id, title: m.title })), null, null]);
  });

  it('resolves N station references in as many statements as one', async () => {
    const stations = trains.flatMap((t) => t.stations);
    const distinct = [...new Map(stations.map((s) => [s.id, s])).values()];
    expect(distinct.length).toBeGreaterThanOrEqual(3);
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Station', id }));
    const one = await run(() => catalog.gql(stationEntities, { reps: reps([distinct[0]!.id]) }));
    const many = await run(() =>
      catalog.gql(stationEntities, { reps: reps([...distinct.map((s) => s.id), unknownId()]) }),
    );
    expect(many.statements).toBe(one.statements);
    expect(many.data?._entities).toEqual([...distinct, null]);
  });

  it("reads N trains' stations, routes, coaches and seats in as many statements as one train's", async () => {
    const reps = (n: number) => trains.slice(0, n).map((t) => ({ __typename: 'Train', id: t.id }));
    const one = await run(() => catalog.gql(trainEntities, { reps: reps(1) }));
    const three = await run(() => catalog.gql(trainEntities, { reps: reps(3) }));
    expect(one.statements).toBe(3);
    expect(three.statements).toBe(one.statements);
    const read = three.data?._entities ?? [];
    expect(read.map((t) => t?.stations.map((s) => s.name))).toEqual(trains.map((t) => t.stations.map((s) => s.name)));
    expect(read.map((t) => t?.route.map((s) => s.station.name))).toEqual(
      trains.map((t) => t.route.map((s) => s.station.name)),
    );
    expect(read.map((t) => t?.coaches.map((c) => c.number))).toEqual([[1], [1, 2], [1, 2, 3]]);
    expect(read.map((t) => t?.seats.length)).toEqual([4, 8, 12]);
    expect(read[2]?.coaches[2]?.seats.map((s) => s.code)).toEqual(['C3-1', 'C3-2', 'C3-3', 'C3-4']);
  });

  it('reads a page of N trains with their fields in as many statements as a page of one', async () => {
    const one = await run(() => catalog.gql(trainPage, { first: 1 }));
    const three = await run(() => catalog.gql(trainPage, { first: 3 }));
    expect(three.statements).toBe(one.statements);
    expect(three.data?.trains.edges.map((e) => e.node.id)).toEqual(trains.map((t) => t.id));
    expect(three.data?.trains.edges.map((e) => e.node.seats.length)).toEqual([4, 8, 12]);
  });

  it("reads N venues' screens, their venues and layouts in as many statements as one venue's", async () => {
    const reps = (n: number) => venues.slice(0, n).map((v) => ({ __typename: 'Venue', id: v.id }));
    const one = await run(() => catalog.gql(venueEntities, { reps: reps(1) }));
    const three = await run(() => catalog.gql(venueEntities, { reps: reps(3) }));
    expect(one.statements).toBe(3);
    expect(three.statements).toBe(one.statements);
    const read = three.data?._entities ?? [];
    expect(read.map((v) => v?.screens.map((s) => s.id))).toEqual(venues.map((v) => v.screens.map((s) => s.id)));
    expect(read.map((v) => v?.screens.map((s) => s.venue.id))).toEqual(venues.map((v) => [v.id, v.id]));
    expect(read.map((v) => v?.screens.map((s) => s.layout.map((seat) => seat.code).join(' ')))).toEqual([
      ['A1 A2', 'A1 A2 A3'],
      ['A1 A2 A3', 'A1 A2 A3 A4'],
      ['A1 A2 A3 A4', 'A1 A2 A3 A4 A5'],
    ]);
  });

  it('reads every venue with its screens in as many statements however many there are', async () => {
    const before = await run(() => catalog.gql(venueList));
    await catalog.gql(createVenue, { input: venueInput({ name: 'Batch Hall late' }) });
    const after = await run(() => catalog.gql(venueList));
    expect(after.data?.venues.length).toBe((before.data?.venues.length ?? 0) + 1);
    expect(after.statements).toBe(before.statements);
  });

  it("resolves N screen references with their venues and layouts in as many statements as one's", async () => {
    const screens = venues.flatMap((v) => v.screens);
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Screen', id }));
    const one = await run(() => catalog.gql(screenEntities, { reps: reps([screens[0]!.id]) }));
    const many = await run(() =>
      catalog.gql(screenEntities, { reps: reps([...screens.map((s) => s.id), unknownId(), malformedId]) }),
    );
    expect(one.statements).toBe(3);
    expect(many.statements).toBe(one.statements);
    const read = many.data?._entities ?? [];
    expect(read.map((s) => s?.venue.name ?? null)).toEqual([...venues.flatMap((v) => [v.name, v.name]), null, null]);
    expect(read.map((s) => s?.layout.length ?? null)).toEqual([2, 3, 3, 4, 4, 5, null, null]);
    expect(read[0]?.layout[0]?.id).toBe(`${screens[0]!.id}:A1`);
  });
});
