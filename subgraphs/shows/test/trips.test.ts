import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { firstError, modes, waitFor } from '@seats/testkit';
import {
  addMinutes,
  entities,
  future,
  route,
  scheduleTrip,
  seat,
  startShows,
  type ShowsFixture,
} from './support/shows.js';

describe.each(modes)('scheduling trips (%s)', (mode) => {
  let shows: ShowsFixture;
  const trainId = randomUUID();
  const stations: [string, string, string] = [randomUUID(), randomUUID(), randomUUID()];
  const prices = [
    { category: 'FIRST', amount: 2500 },
    { category: 'SECOND', amount: 1500 },
  ];
  const schedule = (departsAt: Date, overrides: Record<string, unknown> = {}) =>
    shows.gql(scheduleTrip, { input: { trainId, departsAt: departsAt.toISOString(), prices, ...overrides } });

  beforeAll(async () => {
    shows = await startShows(mode);
    const seats = [seat('C1-1', 'FIRST'), seat('C2-1', 'SECOND'), seat('C2-2', 'SECOND')];
    await shows.publish('TrainUpserted', { trainId, number: 'IC 100', name: 'Coastal', route: route(stations), seats });
    await waitFor(async () => (await shows.query(sql`select id from shows.trains`))[0]);
  });
  afterAll(() => shows?.dispose());

  it('schedules a trip whose stops follow the route and records ShowScheduled per leg', async () => {
    const departsAt = future(1);
    const result = await schedule(departsAt);
    expect(result.errors).toBeUndefined();
    const show = result.data!.scheduleTrip;
    expect(show).toMatchObject({
      kind: 'TRIP',
      startsAt: departsAt.toISOString(),
      endsAt: addMinutes(departsAt, 95).toISOString(),
      train: { id: trainId },
      movie: null,
    });
    expect(show.stops).toEqual([
      { index: 0, station: { id: stations[0] }, arrivesAt: null, departsAt: departsAt.toISOString() },
      {
        index: 1,
        station: { id: stations[1] },
        arrivesAt: addMinutes(departsAt, 40).toISOString(),
        departsAt: addMinutes(departsAt, 42).toISOString(),
      },
      { index: 2, station: { id: stations[2] }, arrivesAt: addMinutes(departsAt, 95).toISOString(), departsAt: null },
    ]);
    const [row] = await shows.query<{ payload: unknown }>(
      sql`select payload from shows.outbox where type = 'ShowScheduled' and payload->>'showId' = ${show.id}`,
    );
    expect(row?.payload).toEqual({
      showId: show.id,
      kind: 'TRIP',
      layoutId: trainId,
      startsAt: departsAt.toISOString(),
      legCount: 2,
      prices: [
        { category: 'FIRST', amount: 2500, currency: 'EUR' },
        { category: 'SECOND', amount: 1500, currency: 'EUR' },
      ],
    });
  });

  it('answers NOT_FOUND for a train the catalog has not announced', async () => {
    expect(firstError(await schedule(future(2), { trainId: randomUUID() }))?.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a malformed train id', { trainId: 'ICE' }, 'input.trainId'],
    ['a departure in the past', { departsAt: '2020-01-01T10:00:00Z' }, 'input.departsAt'],
    ['a price for one class only', { prices: [{ category: 'FIRST', amount: 1 }] }, 'input.prices'],
    [
      'a price for a cinema category',
      {
        prices: [
          ...[
            { category: 'FIRST', amount: 1 },
            { category: 'SECOND', amount: 1 },
          ],
          { category: 'PREMIUM', amount: 1 },
        ],
      },
      'input.prices',
    ],
    ['a fractional currency code', { currency: 'EURO' }, 'input.currency'],
  ])('refuses %s with BAD_USER_INPUT on its field', async (_, overrides, field) => {
    expect(firstError(await schedule(future(3), overrides))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it("lists a train's upcoming scheduled trips, soonest first", async () => {
    const later = (await schedule(future(6))).data!.scheduleTrip.id;
    const sooner = (await schedule(future(5))).data!.scheduleTrip.id;
    const cancelled = (await schedule(future(4))).data!.scheduleTrip.id;
    const past = (await schedule(future(4, 30))).data!.scheduleTrip.id;
    await shows.query(sql`update shows.shows set status = 'CANCELLED' where id = ${cancelled}`);
    await shows.query(sql`update shows.shows set starts_at = now() - interval '1 hour' where id = ${past}`);
    const result = await shows.gql(
      entities<{ shows: Array<{ id: string; startsAt: string }> }>('... on Train { shows { id startsAt } }'),
      { reps: [{ __typename: 'Train', id: trainId }] },
    );
    const trainShows = result.data!._entities[0]!.shows;
    const ids = trainShows.map((s) => s.id);
    expect(ids).not.toContain(cancelled);
    expect(ids).not.toContain(past);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    const times = trainShows.map((s) => s.startsAt);
    expect(times).toEqual([...times].sort());
  });
});
