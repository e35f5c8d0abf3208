import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../stack/test/generated/index.js';
import { startTestStack, type TestStack, type TestUser } from '../../../stack/test/support/harness.js';
import { modes } from '@seats/testkit';
import { createTrip, hold, inAnHour, ok, type CreatedTrip } from './support/gateway.js';

const tripsQuery = graphql(`
  query TripSearchE2eTrips($from: ID!, $to: ID!, $date: String!) {
    trips(from: $from, to: $to, date: $date) {
      showId
      fromStop
      toStop
      departsAt
      arrivesAt
      seatsFree
      prices {
        category
        amount
        currency
      }
      show {
        id
        train {
          name
        }
      }
    }
  }
`);

const legsQuery = graphql(`
  query TripSearchE2eLegs($id: ID!) {
    show(id: $id) {
      whole: seatsFree
      firstLeg: seatsFree(fromStop: 0, toStop: 1)
    }
  }
`);

const day = (at: Date) => at.toISOString().slice(0, 10);
const plusMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

describe.each(modes)('trip search through the gateway (%s)', (mode) => {
  let stack: TestStack;
  let admin: string;
  let client: TestUser;
  let trip: CreatedTrip;
  const departs = inAnHour();
  /** The route's stations A, B, C, D leave at 0, 32 and 62 minutes. */
  const leavesB = plusMinutes(departs, 32);

  const search = async (from: number, to: number, date = day(leavesB)) => {
    const result = await stack.gql(tripsQuery, { from: trip.stations[from]!, to: trip.stations[to]!, date });
    return ok(result).trips;
  };
  const free = async (from: number, to: number) => {
    const date = day(plusMinutes(departs, [0, 32, 62][from]!));
    const found = await search(from, to, date);
    expect(found).toHaveLength(1);
    return found[0]!.seatsFree;
  };

  beforeAll(async () => {
    stack = await startTestStack(mode);
    admin = await stack.adminToken();
    client = await stack.register();
    trip = await createTrip(stack, admin, departs);
  });
  afterAll(() => stack?.dispose());

  it('finds a trip between two stations on the day it leaves the first, with its legs, times and prices', async () => {
    expect(await search(1, 3)).toEqual([
      {
        showId: trip.showId,
        fromStop: 1,
        toStop: 3,
        departsAt: leavesB.toISOString(),
        arrivesAt: plusMinutes(departs, 90).toISOString(),
        seatsFree: 8,
        prices: [{ category: 'SECOND', amount: 1000, currency: 'EUR' }],
        show: { id: trip.showId, train: { name: 'Leg Tester' } },
      },
    ]);
  });

  it('finds nothing backwards along the route, on another day, or between unknown stations', async () => {
    expect(await search(3, 1)).toEqual([]);
    expect(await search(1, 3, day(plusMinutes(leavesB, 24 * 60)))).toEqual([]);
    const unknown = await stack.gql(tripsQuery, { from: randomUUID(), to: trip.stations[3]!, date: day(leavesB) });
    expect(ok(unknown).trips).toEqual([]);
  });

  it('counts a hold against overlapping legs only, and sells one seat on two disjoint legs', async () => {
    const [first, second] = trip.seatIds;
    await hold(stack, client.token, { showId: trip.showId, seatIds: [first!, second!], fromStop: 1, toStop: 3 });
    expect(await free(0, 2)).toBe(6);
    expect(await free(2, 3)).toBe(6);
    expect(await free(0, 1)).toBe(8);
    await hold(stack, client.token, { showId: trip.showId, seatIds: [first!], fromStop: 0, toStop: 1 });
    expect(await free(0, 1)).toBe(7);
    expect(await free(0, 3)).toBe(6);
    const show = await stack.gql(legsQuery, { id: trip.showId });
    expect(ok(show).show).toEqual({ whole: 6, firstLeg: 7 });
  });

  it.each([
    ['a malformed station id', { from: 'Northport' }, 'from'],
    ['the same station twice', { to: 'same' }, 'to'],
    ['a date with a time', { date: '2030-01-01T10:00:00Z' }, 'date'],
    ['a day that does not exist', { date: '2030-02-30' }, 'date'],
  ])('refuses %s with BAD_USER_INPUT on its argument', async (_, overrides, field) => {
    const variables = { from: trip.stations[0]!, to: trip.stations[1]!, date: day(departs), ...overrides };
    if (variables.to === 'same') variables.to = variables.from;
    const result = await stack.gql(tripsQuery, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
