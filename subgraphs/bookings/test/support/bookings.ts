/**
 * The bookings subgraph in-process on a mode's database and bus, with the
 * documents its suites send. Shows come from the testkit's seeds, published
 * as the catalog and the schedule would; bookings learns of them from its
 * inventory consumer, so `startShow` waits until the show is on sale here.
 */
import { randomUUID } from 'node:crypto';
import type { Identity } from '@seats/platform';
import {
  createShow,
  document,
  startSubgraph,
  waitFor,
  type Mode,
  type SeededShow,
  type ShowSeedOptions,
  type SubgraphHarness,
} from '@seats/testkit';
import type { Context } from '../../src/context.js';
import type { BookingModel } from '../../src/models.js';
import { bookingsSubgraph } from '../../src/index.js';

export type BookingsHarness = SubgraphHarness<Context>;

/** Bookings with a short sweep interval, so expiry tests wait little. */
export function startBookings(mode: Mode, env: Record<string, string> = {}): Promise<BookingsHarness> {
  return startSubgraph(bookingsSubgraph, { mode, env: { SWEEP_INTERVAL_MS: '50', ...env } });
}

/**
 * Checkout's first step through the service: the caller's booking of a
 * hold, pending its payment, under a fresh idempotency key.
 */
export async function openBooking(bookings: BookingsHarness, owner: Identity, holdId: string): Promise<BookingModel> {
  const opened = await bookings.context(owner).bookings.startCheckout(owner, checkoutOf(holdId));
  if (opened === 'replay') throw new Error('a fresh idempotency key was replayed');
  return opened;
}

/** What checkout's first step is given for a hold: a fresh key and booking id. */
export function checkoutOf(holdId: string) {
  return { key: randomUUID(), requestHash: 'test', holdId, bookingId: randomUUID() };
}

/** Publishes a show and waits until bookings sells it. */
export async function startShow(bookings: BookingsHarness, options: ShowSeedOptions = {}): Promise<SeededShow> {
  const show = await createShow(bookings.bus, options);
  await waitFor(async () => (await seatMapOf(bookings, show.showId)).seats.length === show.seats.length);
  return show;
}

export interface SeatView {
  id: string;
  code: string;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED';
  category: string;
  price: { amount: number; currency: string };
}

export interface SeatMapView {
  id: string;
  version: number;
  fromStop: number | null;
  toStop: number | null;
  seats: SeatView[];
}

type ShowReps = { reps: Array<{ __typename: 'Show'; id: string }>; fromStop?: number; toStop?: number };

const showSeatMap = document<{ _entities: Array<{ seatMap: SeatMapView; seatsFree: number } | null> }, ShowReps>(
  `query($reps: [_Any!]!, $fromStop: Int, $toStop: Int) {
    _entities(representations: $reps) {
      ... on Show {
        seatMap(fromStop: $fromStop, toStop: $toStop) {
          id version fromStop toStop
          seats { id code status category price { amount currency } }
        }
        seatsFree(fromStop: $fromStop, toStop: $toStop)
      }
    }
  }`,
);

/** A show's seat map and free-seat count as the gateway would ask for them; throws on an error. */
export async function showSeats(
  bookings: BookingsHarness,
  showId: string,
  legs: { fromStop?: number; toStop?: number } = {},
): Promise<{ seatMap: SeatMapView; seatsFree: number }> {
  const result = await bookings.gql(showSeatMap, { reps: [{ __typename: 'Show', id: showId }], ...legs });
  const [error] = result.errors ?? [];
  if (error) throw error;
  const entity = result.data?._entities[0];
  if (!entity) throw new Error(`no Show ${showId}`);
  return entity;
}

export async function seatMapOf(
  bookings: BookingsHarness,
  showId: string,
  legs: { fromStop?: number; toStop?: number } = {},
): Promise<SeatMapView> {
  return (await showSeats(bookings, showId, legs)).seatMap;
}

/** Seat codes by status, for compact assertions. */
export function statuses(map: SeatMapView): Record<string, string> {
  return Object.fromEntries(map.seats.map((seat) => [seat.code, seat.status]));
}

export const releaseSeats = document<{ releaseSeats: boolean }, { holdId: string }>(
  'mutation($holdId: ID!) { releaseSeats(holdId: $holdId) }',
);

export interface HoldView {
  id: string;
  status: string;
  seats: Array<{ code: string; status: string }>;
}

export const hold = document<{ hold: HoldView | null }, { id: string }>(
  'query($id: ID!) { hold(id: $id) { id status seats { code status } } }',
);

export interface BookingView {
  id: string;
  status: string;
  total: { amount: number; currency: string };
  seats: Array<{ code: string; status: string }>;
}

const bookingFields = 'id status total { amount currency } seats { code status }';

export const booking = document<{ booking: BookingView | null }, { id: string }>(
  `query($id: ID!) { booking(id: $id) { ${bookingFields} } }`,
);

export const cancelBooking = document<{ cancelBooking: BookingView }, { id: string }>(
  `mutation($id: ID!) { cancelBooking(id: $id) { ${bookingFields} } }`,
);

export const bookingsOfUser = document<
  {
    _entities: Array<{
      bookings: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean } };
    } | null>;
  },
  { reps: Array<{ __typename: 'User'; id: string }>; first?: number }
>(
  `query($reps: [_Any!]!, $first: Int) {
    _entities(representations: $reps) { ... on User { bookings(first: $first) { edges { node { id } } pageInfo { hasNextPage } } } }
  }`,
);
