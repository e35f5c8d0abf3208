/**
 * Builders for the schedule's end-to-end suites: catalog entries and shows
 * created through the gateway as an admin, and a booking paid as a client.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { waitFor, type GqlResult, type TestStack } from '../../../../stack/test/support/harness.js';

/** The next quarter hour at least an hour from now. */
export const inAnHour = () => new Date(Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000);

/** Runs an admin mutation, retrying while the schedule has not heard of the catalog's new entries. */
export async function untilKnown(
  stack: TestStack,
  admin: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<GqlResult> {
  return waitFor(async () => {
    const result = await stack.gql(query, variables, admin);
    return result.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : result;
  }, 15_000);
}

/** Data of a result that must have no errors. */
export function ok<T = any>(result: GqlResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

export interface CreatedTrip {
  showId: string;
  stations: string[];
  seatIds: string[];
}

/**
 * A train over four new stations (A, B, C, D) with one SECOND coach of two
 * rows (8 seats), and one trip of it leaving at `departsAt`.
 */
export async function createTrip(stack: TestStack, admin: string, departsAt: Date): Promise<CreatedTrip> {
  const tag = randomBytes(3).toString('hex');
  const names = ['A', 'B', 'C', 'D'].map((letter) => `${letter} ${tag}`);
  const train = ok(
    await stack.gql(
      `mutation($input: CreateTrainInput!) { createTrain(input: $input) { id stations { id } } }`,
      {
        input: {
          number: `T ${tag}`,
          name: 'Leg Tester',
          route: [
            { stationName: names[0], departsAfterMinutes: 0 },
            { stationName: names[1], arrivesAfterMinutes: 30, departsAfterMinutes: 32 },
            { stationName: names[2], arrivesAfterMinutes: 60, departsAfterMinutes: 62 },
            { stationName: names[3], arrivesAfterMinutes: 90 },
          ],
          coaches: [{ travelClass: 'SECOND', rows: 2 }],
        },
      },
      admin,
    ),
  ).createTrain;
  const scheduled = ok(
    await untilKnown(stack, admin, `mutation($input: ScheduleTripInput!) { scheduleTrip(input: $input) { id } }`, {
      input: { trainId: train.id, departsAt: departsAt.toISOString(), prices: [{ category: 'SECOND', amount: 500 }] },
    }),
  ).scheduleTrip;
  const seatIds = await waitFor(async () => {
    const map = await stack.gql(`query($id: ID!) { show(id: $id) { seatMap { seats { id } } } }`, {
      id: scheduled.id,
    });
    const seats = map.data?.show?.seatMap.seats ?? [];
    return seats.length > 0 ? seats.map((s: { id: string }) => s.id) : undefined;
  });
  return { showId: scheduled.id, stations: train.stations.map((s: { id: string }) => s.id), seatIds };
}

/** Holds seats as a client; returns the hold's id. */
export async function hold(
  stack: TestStack,
  token: string,
  input: { showId: string; seatIds: string[]; fromStop?: number; toStop?: number },
): Promise<string> {
  return ok(await stack.gql(`mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }`, { input }, token))
    .lockSeats.id;
}

/** Pays for a hold with the sandbox card; returns the booking. */
export async function checkout(
  stack: TestStack,
  token: string,
  holdId: string,
): Promise<{ id: string; status: string; payment: { id: string; status: string } }> {
  const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
  return ok(
    await stack.gql(
      `mutation($input: CheckoutInput!) { checkout(input: $input) { id status payment { id status } } }`,
      { input },
      token,
    ),
  ).checkout;
}
