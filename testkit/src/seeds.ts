/**
 * Seed builders for what a subgraph's suite needs from the others, over
 * the event contract only: a show is published as the catalog and the
 * schedule would announce it, a hold is taken through the contract's
 * `lockSeats`.
 */
import { randomUUID } from 'node:crypto';
import type { EventBus, Identity, LayoutSeat, PriceEntry, RouteStop } from '@seats/platform';
import { publishEvent } from './events.js';
import { document, type InProcessGql } from './gql.js';

export interface ShowSeedOptions {
  /** A screening (a screen of two rows of four seats) or a trip (a train of two coaches of four seats). */
  kind?: 'SCREENING' | 'TRIP';
  /** When it starts (a trip: leaves its first stop); a whole minute a day from now by default. */
  startsAt?: Date;
  /** Trips: how many stops the route has (2 or more; 3 by default). */
  stops?: number;
  /** The currency of every price; EUR by default. */
  currency?: string;
}

/** A show as the seeds published it. */
export interface SeededShow {
  showId: string;
  kind: 'SCREENING' | 'TRIP';
  /** The screen or train whose layout the show sells. */
  layoutId: string;
  startsAt: string;
  /** 1 for a screening, stops - 1 for a trip. */
  legCount: number;
  seats: LayoutSeat[];
  /** The seats' codes (what lockSeats takes), in layout order. */
  seatIds: string[];
  /** Per category; for a trip, the price of one leg. */
  prices: PriceEntry[];
  /** Trips: the route's station ids in order; empty for a screening. */
  stations: string[];
}

/**
 * Publishes a show on the bus as the catalog and the schedule would:
 * ScreenUpserted and ShowScheduled for a screening, TrainUpserted and
 * ShowScheduled for a trip. Subgraphs that project these learn of the show
 * asynchronously: wait for it before using it.
 *
 * @example
 * const show = await createShow(bookings.bus, { kind: 'TRIP', stops: 4 });
 * // A1..A4 are STANDARD at 1000, B1..B4 PREMIUM at 1500 (screenings).
 */
export async function createShow(bus: EventBus, options: ShowSeedOptions = {}): Promise<SeededShow> {
  const kind = options.kind ?? 'SCREENING';
  const currency = options.currency ?? 'EUR';
  const startsAt = (options.startsAt ?? aDayFromNow()).toISOString();
  const layoutId = randomUUID();
  const showId = randomUUID();
  let seats: LayoutSeat[];
  let prices: PriceEntry[];
  let stations: string[] = [];
  if (kind === 'SCREENING') {
    seats = [...cinemaRow('A', 'STANDARD', 0), ...cinemaRow('B', 'PREMIUM', 1)];
    prices = [price('STANDARD', 1000, currency), price('PREMIUM', 1500, currency)];
    await publishEvent(bus, 'ScreenUpserted', { screenId: layoutId, venueId: randomUUID(), name: 'Screen 1', seats });
  } else {
    const route = routeOf(options.stops ?? 3);
    stations = route.map((stop) => stop.stationId);
    seats = [...coach(1, 'FIRST'), ...coach(2, 'SECOND')];
    prices = [price('FIRST', 2500, currency), price('SECOND', 1500, currency)];
    const train = { trainId: layoutId, number: `T ${layoutId.slice(0, 6)}`, name: 'Seed Express', route, seats };
    await publishEvent(bus, 'TrainUpserted', train);
  }
  const legCount = kind === 'SCREENING' ? 1 : stations.length - 1;
  await publishEvent(bus, 'ShowScheduled', { showId, kind, layoutId, startsAt, legCount, prices });
  return { showId, kind, layoutId, startsAt, legCount, seats, seatIds: seats.map((s) => s.seatId), prices, stations };
}

/** A hold as lockSeats answers it. */
export interface SeededHold {
  id: string;
  status: string;
  expiresAt: string;
  fromStop: number | null;
  toStop: number | null;
  seats: Array<{ id: string; code: string; category: string; price: { amount: number; currency: string } }>;
}

export interface HoldSeatsInput {
  showId: string;
  /** Seat codes (E7) or the seat map's Seat.id values. */
  seatIds: string[];
  /** Trips: the first stop. */
  fromStop?: number;
  /** Trips: the last stop. */
  toStop?: number;
}

const lockSeats = document<{ lockSeats: SeededHold }, { input: HoldSeatsInput }>(`mutation($input: LockSeatsInput!) {
  lockSeats(input: $input) {
    id status expiresAt fromStop toStop
    seats { id code category price { amount currency } }
  }
}`);

/**
 * Holds seats for a caller through the contract's `lockSeats`; rejects with
 * the first GraphQL error when it is refused, so `expectCode` applies.
 *
 * @example
 * const hold = await holdSeats(bookings.gql, createUser(), { showId, seatIds: ['A1', 'A2'] });
 * await expectCode(holdSeats(bookings.gql, createUser(), { showId, seatIds: ['A1'] }), 'SEATS_UNAVAILABLE');
 */
export async function holdSeats(gql: InProcessGql, identity: Identity, input: HoldSeatsInput): Promise<SeededHold> {
  const result = await gql(lockSeats, { input }, identity);
  const [error] = result.errors ?? [];
  if (error) throw error;
  if (!result.data) throw new Error('lockSeats answered without data');
  return result.data.lockSeats;
}

function aDayFromNow(): Date {
  const at = new Date(Date.now() + 86_400_000);
  at.setUTCSeconds(0, 0);
  return at;
}

const price = (category: string, amount: number, currency: string): PriceEntry => ({ category, amount, currency });

/** Four seats of a cinema row: A1..A4 at y = `y`. */
function cinemaRow(row: string, category: string, y: number): LayoutSeat[] {
  return [1, 2, 3, 4].map((number) => {
    const seatId = `${row}${number}`;
    return { seatId, label: seatId, row, number, category, x: number, y };
  });
}

/** Four seats of a coach: C1-1..C1-4, in the coach's column. */
function coach(index: number, category: string): LayoutSeat[] {
  return [1, 2, 3, 4].map((number) => ({
    seatId: `C${index}-${number}`,
    label: `Coach ${index} / ${number}`,
    row: `C${index}`,
    number,
    category,
    x: index - 1,
    y: number - 1,
  }));
}

/** A route of `stops` stations, 30 minutes apart with a 2-minute stop at each. */
function routeOf(stops: number): RouteStop[] {
  if (!Number.isInteger(stops) || stops < 2) throw new Error(`a route has at least 2 stops, not ${stops}`);
  return Array.from({ length: stops }, (_, i) => ({
    stationId: randomUUID(),
    name: `Station ${i + 1}`,
    arrivesAfterMinutes: i === 0 ? null : i * 30,
    departsAfterMinutes: i === stops - 1 ? null : i * 30 + (i === 0 ? 0 : 2),
  }));
}
