import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { countQueries, document, modes, waitFor } from '@seats/testkit';
import {
  entities,
  future,
  route,
  scheduleScreening,
  scheduleTrip,
  seat,
  startShows,
  type ShowsFixture,
} from './support/shows.js';

interface ShowView {
  id: string;
  kind: string;
  startsAt: string;
  status: string;
  prices: Array<{ category: string; amount: number }>;
  stops: Array<{ index: number }>;
}

const showEntities = entities<ShowView>(
  '... on Show { id kind startsAt status prices { category amount } stops { index } }',
);
const movieShows = entities<{ id: string; shows: ShowView[] }>(
  '... on Movie { id shows { id kind startsAt status prices { category amount } stops { index } } }',
);
const trainShows = entities<{ id: string; shows: ShowView[] }>(
  '... on Train { id shows { id kind startsAt status prices { category amount } stops { index } } }',
);
const tripSearch = document<
  { trips: Array<{ showId: string; fromStop: number; toStop: number; show: { id: string }; prices: unknown[] }> },
  { from: string; to: string; date: string }
>(`query($from: ID!, $to: ID!, $date: String!) {
  trips(from: $from, to: $to, date: $date) { showId fromStop toStop show { id stops { index } } prices { category amount } }
}`);
const cancelShow = document<{ cancelShow: { id: string } }, { id: string }>(
  'mutation($id: ID!) { cancelShow(id: $id) { id } }',
);

/** 10:00 UTC, `days` days from now. */
function morning(days: number, hour = 10): Date {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at;
}

/**
 * One `_entities` call (or root list) with N parents costs the same number
 * of statements as with one: Show references and the upcoming shows of
 * movies and trains go through the request's loaders.
 */
describe.each(modes)('schedule reads batched per request (%s)', (mode) => {
  let shows: ShowsFixture;
  const movieIds = [randomUUID(), randomUUID(), randomUUID()];
  const screenIds = [randomUUID(), randomUUID(), randomUUID()];
  const trainIds = [randomUUID(), randomUUID(), randomUUID()];
  const stations: [string, string, string] = [randomUUID(), randomUUID(), randomUUID()];
  /** Each movie's and train's upcoming show ids, soonest first. */
  const screeningsOf = new Map<string, string[]>();
  const tripsOf = new Map<string, string[]>();

  const screening = async (movieId: string, screenId: string, startsAt: Date) => {
    const input = {
      movieId,
      screenId,
      startsAt: startsAt.toISOString(),
      prices: [{ category: 'STANDARD', amount: 900 }],
    };
    const result = await shows.gql(scheduleScreening, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleScreening.id;
  };
  const trip = async (trainId: string, departsAt: Date) => {
    const input = { trainId, departsAt: departsAt.toISOString(), prices: [{ category: 'SECOND', amount: 700 }] };
    const result = await shows.gql(scheduleTrip, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleTrip.id;
  };

  beforeAll(async () => {
    shows = await startShows(mode);
    for (const [i, movieId] of movieIds.entries()) {
      await shows.publish('MovieUpserted', { movieId, title: `Batch ${i}`, durationMinutes: 90 });
      await shows.publish('ScreenUpserted', {
        screenId: screenIds[i]!,
        venueId: randomUUID(),
        name: `Screen ${i}`,
        seats: [seat('A1', 'STANDARD')],
      });
    }
    for (const [i, trainId] of trainIds.entries()) {
      const seats = [seat('C1-1', 'SECOND')];
      await shows.publish('TrainUpserted', {
        trainId,
        number: `BT ${i}`,
        name: 'Batch',
        route: route(stations),
        seats,
      });
    }
    await waitFor(async () => (await shows.query(sql`select id from shows.screens`)).length === 3);
    await waitFor(async () => (await shows.query(sql`select id from shows.movies`)).length === 3);
    await waitFor(async () => (await shows.query(sql`select id from shows.trains`)).length === 3);
    // Scheduled out of order, so "soonest first" is the loader's doing; one more cancelled show each, left out.
    for (const [i, movieId] of movieIds.entries()) {
      const later = await screening(movieId, screenIds[i]!, future(20 + i));
      const sooner = await screening(movieId, screenIds[i]!, future(10 + i));
      await shows.gql(cancelShow, { id: await screening(movieId, screenIds[i]!, future(5)) });
      screeningsOf.set(movieId, [sooner, later]);
    }
    for (const [i, trainId] of trainIds.entries()) {
      const later = await trip(trainId, morning(30, 8 + i));
      const sooner = await trip(trainId, morning(3, 8 + i));
      tripsOf.set(trainId, [sooner, later]);
    }
  });
  afterAll(() => shows?.dispose());

  /** The statements one call sends, after checking it answered without errors. */
  const run = async <T>(work: () => Promise<{ data?: T | null; errors?: readonly unknown[] }>) => {
    const { result, queries } = await countQueries(work);
    expect(result.errors).toBeUndefined();
    return { data: result.data, statements: queries.length };
  };
  const reps = (typename: string, ids: readonly string[]) => ids.map((id) => ({ __typename: typename, id }));

  it('resolves N show references in as many statements as one, null for unknown and malformed ids', async () => {
    const ids = [...screeningsOf.values(), ...tripsOf.values()].flat();
    const one = await run(() => shows.gql(showEntities, { reps: reps('Show', ids.slice(0, 1)) }));
    const many = await run(() =>
      shows.gql(showEntities, { reps: reps('Show', [...ids.map((id) => id.toUpperCase()), randomUUID(), 'nope']) }),
    );
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(one.statements);
    const read = many.data?._entities ?? [];
    expect(read.map((s) => s?.id ?? null)).toEqual([...ids, null, null]);
    expect(read.map((s) => s?.kind ?? null)).toEqual([
      ...ids.map((_, i) => (i < 6 ? 'SCREENING' : 'TRIP')),
      null,
      null,
    ]);
    expect(read[0]?.prices).toEqual([{ category: 'STANDARD', amount: 900 }]);
    expect(read[6]?.stops.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it("reads N movies' upcoming screenings in as many statements as one movie's, soonest first", async () => {
    const one = await run(() => shows.gql(movieShows, { reps: reps('Movie', movieIds.slice(0, 1)) }));
    const many = await run(() =>
      shows.gql(movieShows, { reps: reps('Movie', [...movieIds, randomUUID(), 'not-a-movie']) }),
    );
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(one.statements);
    const read = many.data?._entities ?? [];
    expect(read.map((m) => m?.shows.map((s) => s.id))).toEqual([...movieIds.map((id) => screeningsOf.get(id)), [], []]);
    expect(read[0]?.shows[0]?.prices).toEqual([{ category: 'STANDARD', amount: 900 }]);
  });

  it('keeps at most 100 upcoming screenings per movie when reading several', async () => {
    const busy = randomUUID();
    const screenId = randomUUID();
    await shows.publish('MovieUpserted', { movieId: busy, title: 'Long Run', durationMinutes: 60 });
    await shows.publish('ScreenUpserted', {
      screenId,
      venueId: randomUUID(),
      name: 'Busy',
      seats: [seat('A1', 'STANDARD')],
    });
    await waitFor(async () => (await shows.query(sql`select 1 from shows.screens where id = ${screenId}`)).length > 0);
    await waitFor(async () => (await shows.query(sql`select 1 from shows.movies where id = ${busy}`)).length > 0);
    const ids: string[] = [];
    for (let i = 0; i < 101; i++) ids.push(await screening(busy, screenId, future(40, i * 90)));
    const many = await run(() => shows.gql(movieShows, { reps: reps('Movie', [movieIds[0]!, busy, movieIds[1]!]) }));
    expect(many.statements).toBe(1);
    const read = many.data?._entities ?? [];
    expect(read.map((m) => m?.shows.length)).toEqual([2, 100, 2]);
    expect(read[1]?.shows.map((s) => s.id)).toEqual(ids.slice(0, 100));
  });

  it("reads N trains' upcoming trips in as many statements as one train's, soonest first", async () => {
    const one = await run(() => shows.gql(trainShows, { reps: reps('Train', trainIds.slice(0, 1)) }));
    const many = await run(() => shows.gql(trainShows, { reps: reps('Train', [...trainIds, randomUUID()]) }));
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(one.statements);
    const read = many.data?._entities ?? [];
    expect(read.map((t) => t?.shows.map((s) => s.id))).toEqual([...trainIds.map((id) => tripsOf.get(id)), []]);
    expect(read[0]?.shows[0]?.stops.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('finds N trips with their shows in as many statements as one', async () => {
    const date = (at: Date) => at.toISOString().slice(0, 10);
    const lone = await trip(trainIds[0]!, morning(60));
    const one = await run(() => shows.gql(tripSearch, { from: stations[0], to: stations[2], date: date(morning(60)) }));
    const three = await run(() =>
      shows.gql(tripSearch, { from: stations[0], to: stations[2], date: date(morning(3)) }),
    );
    expect(one.data?.trips.map((t) => t.showId)).toEqual([lone]);
    expect(three.data?.trips.map((t) => t.show.id)).toEqual(trainIds.map((id) => tripsOf.get(id)?.[0]));
    expect(three.statements).toBe(one.statements);
  });
});
