import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { document, firstError, modes, waitFor } from '@seats/testkit';
import { addMinutes, route, scheduleTrip, seat, startShows, type ShowsFixture } from './support/shows.js';

interface Trip {
  showId: string;
  fromStop: number;
  toStop: number;
  departsAt: string;
  arrivesAt: string;
  prices: Array<{ category: string; amount: number }>;
}

const trips = document<
  { trips: Trip[] },
  { from?: string; to?: string; date: string }
>(`query($from: ID!, $to: ID!, $date: String!) {
  trips(from: $from, to: $to, date: $date) { showId fromStop toStop departsAt arrivesAt prices { category amount } }
}`);

/** 23:50 UTC, `days` days from now: the second stop (40 minutes on) is the next day. */
function lateEvening(days: number): Date {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(23, 50, 0, 0);
  return at;
}
const day = (at: Date) => at.toISOString().slice(0, 10);

describe.each(modes)('searching trips (%s)', (mode) => {
  let shows: ShowsFixture;
  const trainId = randomUUID();
  const stations: [string, string, string] = [randomUUID(), randomUUID(), randomUUID()];
  const schedule = async (departsAt: Date): Promise<string> => {
    const input = { trainId, departsAt: departsAt.toISOString(), prices: [{ category: 'SECOND', amount: 700 }] };
    const result = await shows.gql(scheduleTrip, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.scheduleTrip.id;
  };
  const search = async (from: number, to: number, date: string) => {
    const result = await shows.gql(trips, { from: stations[from], to: stations[to], date });
    expect(result.errors).toBeUndefined();
    return result.data!.trips;
  };

  beforeAll(async () => {
    shows = await startShows(mode);
    const seats = [seat('C1-1', 'SECOND')];
    await shows.publish('TrainUpserted', {
      trainId,
      number: 'RE 7',
      name: 'Night Local',
      route: route(stations),
      seats,
    });
    await waitFor(async () => (await shows.query(sql`select id from shows.trains`))[0]);
  });
  afterAll(() => shows?.dispose());

  it('finds a trip by the UTC day it leaves the boarding station, with the legs priced', async () => {
    const departs = lateEvening(3);
    const id = await schedule(departs);
    const fromOrigin = await search(0, 2, day(departs));
    expect(fromOrigin).toEqual([
      {
        showId: id,
        fromStop: 0,
        toStop: 2,
        departsAt: departs.toISOString(),
        arrivesAt: addMinutes(departs, 95).toISOString(),
        prices: [{ category: 'SECOND', amount: 1400 }],
      },
    ]);
    const leavesSecond = addMinutes(departs, 42);
    expect(await search(1, 2, day(leavesSecond))).toEqual([
      expect.objectContaining({ showId: id, fromStop: 1, toStop: 2, departsAt: leavesSecond.toISOString() }),
    ]);
    expect(await search(1, 2, day(departs))).toEqual([]);
    expect(await search(2, 0, day(departs))).toEqual([]);
  });

  it('lists trips by departure and leaves out cancelled and departed ones', async () => {
    const base = lateEvening(5);
    const later = await schedule(addMinutes(base, -60));
    const sooner = await schedule(addMinutes(base, -120));
    const cancelled = await schedule(addMinutes(base, -180));
    const departed = await schedule(addMinutes(base, -240));
    await shows.query(sql`update shows.shows set status = 'CANCELLED' where id = ${cancelled}`);
    await shows.query(sql`update shows.shows set starts_at = now() - interval '1 minute' where id = ${departed}`);
    const found = await search(0, 1, day(base));
    expect(found.map((t) => t.showId)).toEqual([sooner, later]);
  });

  it.each([
    ['a malformed boarding station', { from: 'x' }, 'from'],
    ['a malformed destination', { to: 'y' }, 'to'],
    ['one station as both ends', { to: 'same' }, 'to'],
    ['a day in another format', { date: '31.01.2030' }, 'date'],
    ['a month that does not exist', { date: '2030-13-01' }, 'date'],
  ])('refuses %s with BAD_USER_INPUT on its argument', async (_, overrides, field) => {
    const variables = { from: stations[0], to: stations[1], date: '2030-01-31', ...overrides };
    if (variables.to === 'same') variables.to = variables.from;
    expect(firstError(await shows.gql(trips, variables))).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});
