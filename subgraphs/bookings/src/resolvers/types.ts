import { isId, parseAfter, parseFirst, requireOwnerOrAdmin, toPage } from '@seats/platform';
import type {
  BookingResolvers,
  SeatHoldResolvers,
  SeatMapResolvers,
  ShowResolvers,
  TripResolvers,
  UserResolvers,
} from '../generated/resolvers.js';
import type { Context } from '../context.js';
import type { SeatModel, SeatStatus } from '../models.js';
import { bookingStore } from '../store/bookings.js';
import { holdStore } from '../store/holds.js';
import { inventoryStore } from '../store/inventory.js';

export const Show: ShowResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  seatMap: async (show, { fromStop, toStop }, ctx) => {
    const row = await inventoryStore.findShow(ctx.db, show.id);
    if (!row) return { id: show.id, showId: show.id, version: 0, fromStop: null, toStop: null, seats: [] };
    return ctx.catalog.seatMap(row, ctx.catalog.legs(row, fromStop, toStop, '', false));
  },
  seatsFree: (show, { fromStop, toStop }, ctx) => seatsFree(ctx, show.id, fromStop, toStop),
};

export const Trip: TripResolvers = {
  __resolveReference: (ref) => ({ showId: ref.showId, fromStop: ref.fromStop, toStop: ref.toStop }),
  seatsFree: (trip, _, ctx) => seatsFree(ctx, trip.showId, trip.fromStop, trip.toStop),
};

/** Free seats of a show for some legs; 0 for a show bookings does not know. */
async function seatsFree(
  ctx: Context,
  showId: string,
  fromStop: number | null | undefined,
  toStop: number | null | undefined,
): Promise<number> {
  const row = isId(showId) ? await inventoryStore.findShow(ctx.db, showId.toLowerCase()) : null;
  if (!row) return 0;
  return ctx.catalog.seatsFree(row, ctx.catalog.legs(row, fromStop, toStop, '', false));
}

export const SeatMap: SeatMapResolvers = {
  show: (map) => ({ id: map.showId }),
};

/** The seats of a hold or booking, shown with the status that hold or booking gives them. */
async function seatsOf(
  ctx: Context,
  showId: string,
  holdId: string,
  status: SeatStatus,
  fromStop: number | null,
  toStop: number | null,
): Promise<SeatModel[]> {
  const show = await inventoryStore.findShow(ctx.db, showId);
  if (!show) return [];
  const legs = ctx.catalog.legs(show, fromStop, toStop, '', false);
  return ctx.catalog.seats(show, await holdStore.seatIds(ctx.db, holdId), legs, status);
}

const holdSeatStatus = { ACTIVE: 'HELD', CONVERTED: 'BOOKED', RELEASED: 'AVAILABLE', EXPIRED: 'AVAILABLE' } as const;
const bookingSeatStatus = {
  PENDING_PAYMENT: 'HELD',
  CONFIRMED: 'BOOKED',
  CANCELLED: 'AVAILABLE',
  EXPIRED: 'AVAILABLE',
} as const;

export const SeatHold: SeatHoldResolvers = {
  show: (hold) => ({ id: hold.showId }),
  seats: (hold, _, ctx) => seatsOf(ctx, hold.showId, hold.id, holdSeatStatus[hold.status], hold.fromStop, hold.toStop),
};

export const Booking: BookingResolvers = {
  user: (booking) => ({ id: booking.userId }),
  show: (booking) => ({ id: booking.showId }),
  seats: (b, _, ctx) => seatsOf(ctx, b.showId, b.holdId, bookingSeatStatus[b.status], b.fromStop, b.toStop),
  payment: (booking) => (booking.paymentId ? { __typename: 'Payment', id: booking.paymentId } : null),
};

export const User: UserResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  bookings: async (user, { first, after }, ctx) => {
    requireOwnerOrAdmin(ctx.identity, user.id, 'Not your bookings');
    const limit = parseFirst(first);
    // Newest first: the position is (createdAt, id), both checked before they reach SQL.
    const cursor = parseAfter(after, (at) => !Number.isNaN(Date.parse(at)));
    const rows = await bookingStore.listByUser(ctx.db, user.id, limit + 1, cursor);
    return toPage(rows, limit, (node) => [node.createdAt.toISOString(), node.id]);
  },
};
