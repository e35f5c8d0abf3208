import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type EventPayloads } from '@seats/platform';
import { firstError, modes } from '@seats/testkit';
import { createTrain, startCatalog, trainInput, user, type CatalogFixture } from './support/catalog.js';

type Stop = { stationName: string; arrivesAfterMinutes?: number | null; departsAfterMinutes?: number | null };
const route = (...stops: Stop[]) => ({ route: stops });
const origin = (stationName = 'Northport'): Stop => ({ stationName, departsAfterMinutes: 0 });
const terminus = (arrivesAfterMinutes: number, stationName = 'Southgate'): Stop => ({
  stationName,
  arrivesAfterMinutes,
});

describe.each(modes)('trains (%s)', (mode) => {
  let catalog: CatalogFixture;

  beforeAll(async () => {
    catalog = await startCatalog(mode);
  });
  afterAll(() => catalog?.dispose());

  it('creates a train with its route, stations and coaches', async () => {
    const result = await catalog.gql(createTrain, { input: trainInput({ number: 'IC 100' }) });
    expect(result.errors).toBeUndefined();
    const train = result.data!.createTrain;
    expect(train).toMatchObject({ number: 'IC 100', name: 'Coastal Express' });
    expect(train.stations.map((s) => s.name)).toEqual(['Northport', 'Millbrook', 'Southgate']);
    expect(train.route.map((s) => [s.index, s.station.name, s.arrivesAfterMinutes, s.departsAfterMinutes])).toEqual([
      [0, 'Northport', null, 0],
      [1, 'Millbrook', 40, 42],
      [2, 'Southgate', 95, null],
    ]);
    expect(train.coaches).toEqual([
      { number: 1, travelClass: 'FIRST', seatCount: 8 },
      { number: 2, travelClass: 'SECOND', seatCount: 12 },
    ]);
  });

  it('records TrainUpserted with the route and every seat in the same transaction', async () => {
    const train = (await catalog.gql(createTrain, { input: trainInput({ number: 'IC 200' }) })).data!.createTrain;
    const [row] = await catalog.query<{ payload: EventPayloads['TrainUpserted'] }>(
      sql`select payload from catalog.outbox where type = 'TrainUpserted' and payload->>'trainId' = ${train.id}`,
    );
    const payload = row?.payload;
    expect(payload).toMatchObject({ trainId: train.id, number: 'IC 200', name: 'Coastal Express' });
    expect(payload?.route).toEqual(
      train.route.map((s) => ({
        stationId: s.station.id,
        name: s.station.name,
        arrivesAfterMinutes: s.arrivesAfterMinutes,
        departsAfterMinutes: s.departsAfterMinutes,
      })),
    );
    expect(payload?.seats).toHaveLength(20);
    expect(payload?.seats.slice(0, 5)).toEqual([
      { seatId: 'C1-1', label: 'Coach 1 / 1', row: 'C1', number: 1, category: 'FIRST', x: 0, y: 0 },
      { seatId: 'C1-2', label: 'Coach 1 / 2', row: 'C1', number: 2, category: 'FIRST', x: 0, y: 1 },
      { seatId: 'C1-3', label: 'Coach 1 / 3', row: 'C1', number: 3, category: 'FIRST', x: 0, y: 3 },
      { seatId: 'C1-4', label: 'Coach 1 / 4', row: 'C1', number: 4, category: 'FIRST', x: 0, y: 4 },
      { seatId: 'C1-5', label: 'Coach 1 / 5', row: 'C1', number: 5, category: 'FIRST', x: 1, y: 0 },
    ]);
    // The second coach starts after the first one's two rows and a gap.
    expect(payload?.seats.find((s) => s.seatId === 'C2-1')).toMatchObject({ category: 'SECOND', x: 3, y: 0 });
    expect(new Set(payload?.seats.map((s) => `${s.x},${s.y}`)).size).toBe(20);
  });

  it('reuses stations by name across trains', async () => {
    const a = (await catalog.gql(createTrain, { input: trainInput({ number: 'RE 1' }) })).data!.createTrain;
    const b = (
      await catalog.gql(createTrain, {
        input: trainInput({ number: 'RE 2', ...route(origin('Southgate'), terminus(30, 'Lakeside')) }),
      })
    ).data!.createTrain;
    expect(b.stations[0]!.id).toBe(a.stations[2]!.id);
  });

  it('refuses a second train with the same number', async () => {
    await catalog.gql(createTrain, { input: trainInput({ number: 'ICE 7' }) });
    const again = await catalog.gql(createTrain, { input: trainInput({ number: 'ICE 7' }) });
    expect(firstError(again)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.number' });
  });

  it('refuses callers who are not admins', async () => {
    expect(firstError(await catalog.gql(createTrain, { input: trainInput() }, null))?.code).toBe('UNAUTHENTICATED');
    expect(firstError(await catalog.gql(createTrain, { input: trainInput() }, user))?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['a blank number', { number: ' ' }, 'input.number'],
    ['a blank name', { name: '' }, 'input.name'],
    ['a single stop', route(origin()), 'input.route'],
    [
      'an arrival at the origin',
      route({ ...origin(), arrivesAfterMinutes: 0 }, terminus(10)),
      'input.route[0].arrivesAfterMinutes',
    ],
    [
      'an origin leaving after minute 0',
      route({ stationName: 'A', departsAfterMinutes: 5 }, terminus(10)),
      'input.route[0].departsAfterMinutes',
    ],
    [
      'a departure from the terminus',
      route(origin(), { ...terminus(10), departsAfterMinutes: 12 }),
      'input.route[1].departsAfterMinutes',
    ],
    [
      'a stop without arrival',
      route(origin(), { stationName: 'M', departsAfterMinutes: 5 }, terminus(10)),
      'input.route[1].arrivesAfterMinutes',
    ],
    [
      'a stop without departure',
      route(origin(), { stationName: 'M', arrivesAfterMinutes: 5 }, terminus(10)),
      'input.route[1].departsAfterMinutes',
    ],
    [
      'times that go back',
      route(origin(), { stationName: 'M', arrivesAfterMinutes: 20, departsAfterMinutes: 22 }, terminus(22)),
      'input.route[2].arrivesAfterMinutes',
    ],
    [
      'leaving before arriving',
      route(origin(), { stationName: 'M', arrivesAfterMinutes: 20, departsAfterMinutes: 19 }, terminus(30)),
      'input.route[1].departsAfterMinutes',
    ],
    [
      'a station twice',
      route(origin('A'), { stationName: 'B', arrivesAfterMinutes: 5, departsAfterMinutes: 6 }, terminus(9, 'a')),
      'input.route[2].stationName',
    ],
    ['no coaches', { coaches: [] }, 'input.coaches'],
    [
      '21 coaches',
      { coaches: Array.from({ length: 21 }, () => ({ travelClass: 'SECOND', rows: 1 })) },
      'input.coaches',
    ],
    ['a third class', { coaches: [{ travelClass: 'THIRD', rows: 1 }] }, 'input.coaches[0].travelClass'],
    [
      'a coach of 31 rows',
      {
        coaches: [
          { travelClass: 'FIRST', rows: 2 },
          { travelClass: 'SECOND', rows: 31 },
        ],
      },
      'input.coaches[1].rows',
    ],
    ['a coach of 0 rows', { coaches: [{ travelClass: 'FIRST', rows: 0 }] }, 'input.coaches[0].rows'],
  ])('refuses %s with BAD_USER_INPUT on its field and stores nothing', async (_, overrides, field) => {
    const number = `X ${randomUUID().slice(0, 8)}`;
    const result = await catalog.gql(createTrain, { input: { ...trainInput({ number }), ...overrides } });
    expect(firstError(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await catalog.query(sql`select id from catalog.trains where number = ${number}`)).toEqual([]);
  });

  it('answers train(id) with null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(await catalog.gql('query($id: ID!) { train(id: $id) { id } }', { id: randomUUID() })).toEqual({
      data: { train: null },
    });
    const malformed = await catalog.gql('query($id: ID!) { train(id: $id) { id } }', { id: 'x' });
    expect(firstError(malformed)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('resolves Train and Station references', async () => {
    const train = (await catalog.gql(createTrain, { input: trainInput({ number: 'EC 90' }) })).data!.createTrain;
    const station = train.stations[1]!;
    const result = await catalog.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Train { number stations { name } }
        ... on Station { id name }
      } }`,
      {
        reps: [
          { __typename: 'Train', id: train.id },
          { __typename: 'Station', id: station.id },
        ],
      },
    );
    expect(result.data).toEqual({
      _entities: [
        { number: 'EC 90', stations: [{ name: 'Northport' }, { name: 'Millbrook' }, { name: 'Southgate' }] },
        { id: station.id, name: 'Millbrook' },
      ],
    });
  });
});
