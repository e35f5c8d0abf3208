/**
 * Builders for the schedule's end-to-end suites: catalog entries and shows
 * created through the gateway as an admin, and a booking paid as a client.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { expect } from 'vitest';
import { graphql } from '../../../../stack/test/generated/index.js';
import type { GqlResult, TestStack } from '../../../../stack/test/support/harness.js';
import { waitFor } from '@seats/testkit';

/** The next quarter hour at least an hour from now. */
export const inAnHour = () => new Date(Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000);

/** Runs an admin mutation, retrying while the schedule has not heard of the catalog's new entries. */
export async function untilKnown<T, V>(
  stack: TestStack,
  admin: string,
  query: TypedDocumentNode<T, V>,
  variables: V,
): Promise<GqlResult<T>> {
  return waitFor(async () => {
    const result = await stack.gql(query, variables, admin);
    return result.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : result;
  }, 15_000);
}

/** Data of a result that must have no errors. */
export function ok<T>(result: GqlResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const CreateTrainDocument = graphql(`
  mutation ScheduleSupportCreateTrain($input: CreateTrainInput!) {
    createTrain(input: $input) {
      id
      stations {
        id
      }
    }
  }
`);

const ScheduleTripDocument = graphql(`
  mutation ScheduleSupportScheduleTrip($input: ScheduleTripInput!) {
    scheduleTrip(input: $input) {
      id
    }
  }
`);

const SeatIdsDocument = graphql(`
  query ScheduleSupportSeatIds($id: ID!) {
    show(id: $id) {
      seatMap {
        seats {
          id
        }
      }
    }
  }
`);

const HoldDocument = graphql(`
  mutation ScheduleSupportHold($input: LockSeatsInput!) {
    lockSeats(input: $input) {
      id
    }
  }
`);

const CheckoutDocument = graphql(`
  mutation ScheduleSupportCheckout($input: CheckoutInput!) {
    checkout(input: $input) {
      id
      status
      payment {
        id
        status
      }
    }
  }
`);

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
  const station = (letter: string) => `${letter} ${tag}`;
  const train = ok(
    await stack.gql(
      CreateTrainDocument,
      {
        input: {
          number: `T ${tag}`,
          name: 'Leg Tester',
          route: [
            { stationName: station('A'), departsAfterMinutes: 0 },
            { stationName: station('B'), arrivesAfterMinutes: 30, departsAfterMinutes: 32 },
            { stationName: station('C'), arrivesAfterMinutes: 60, departsAfterMinutes: 62 },
            { stationName: station('D'), arrivesAfterMinutes: 90 },
          ],
          coaches: [{ travelClass: 'SECOND', rows: 2 }],
        },
      },
      admin,
    ),
  ).createTrain;
  const scheduled = ok(
    await untilKnown(stack, admin, ScheduleTripDocument, {
      input: { trainId: train.id, departsAt: departsAt.toISOString(), prices: [{ category: 'SECOND', amount: 500 }] },
    }),
  ).scheduleTrip;
  const seatIds = await waitFor(async () => {
    const map = await stack.gql(SeatIdsDocument, { id: scheduled.id });
    const seats = map.data?.show?.seatMap.seats ?? [];
    return seats.length > 0 ? seats.map((s) => s.id) : undefined;
  });
  return { showId: scheduled.id, stations: train.stations.map((s) => s.id), seatIds };
}

/** Holds seats as a client; returns the hold's id. */
export async function hold(
  stack: TestStack,
  token: string,
  input: { showId: string; seatIds: string[]; fromStop?: number; toStop?: number },
): Promise<string> {
  return ok(await stack.gql(HoldDocument, { input }, token)).lockSeats.id;
}

/** Pays for a hold with the sandbox card; returns the booking. */
export async function checkout(
  stack: TestStack,
  token: string,
  holdId: string,
): Promise<{ id: string; status: string; payment: { id: string; status: string } | null }> {
  const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
  return ok(await stack.gql(CheckoutDocument, { input }, token)).checkout;
}
