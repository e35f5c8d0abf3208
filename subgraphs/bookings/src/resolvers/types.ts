import { layoutPath } from '@seats/platform';
import type {
  BookingResolvers,
  SeatPlaceResolvers,
  SeatCancellationResolvers,
  SeatHoldResolvers,
  SeatLayoutResolvers,
  SeatMapResolvers,
  ShowResolvers,
  TripResolvers,
  UserResolvers,
  WaitlistEntryResolvers,
} from '../generated/resolvers.js';

export const Show: ShowResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  seatMap: (show, { fromStop, toStop }, ctx) => ctx.catalog.seatMap(ctx.loaders, show.id, fromStop, toStop),
  seatsFree: (show, { fromStop, toStop }, ctx) => ctx.catalog.seatsFree(ctx.loaders, show.id, fromStop, toStop),
  sales: (show, _, ctx) => ctx.backOffice.sales(ctx.identity, ctx.loaders, show.id),
  waitlist: (show, _, ctx) => ctx.waitlist.ofShow(ctx.identity, show.id),
};

export const WaitlistEntry: WaitlistEntryResolvers = {
  show: (entry) => ({ id: entry.showId }),
  offer: async (entry, _, ctx) => (entry.holdId ? ctx.loaders.hold.load(entry.holdId) : null),
};

export const Trip: TripResolvers = {
  __resolveReference: (ref) => ({ showId: ref.showId, fromStop: ref.fromStop, toStop: ref.toStop }),
  seatsFree: (trip, _, ctx) => ctx.catalog.seatsFree(ctx.loaders, trip.showId, trip.fromStop, trip.toStop),
};

export const SeatMap: SeatMapResolvers = {
  show: (map) => ({ id: map.showId }),
  seats: (map) => map.seats(),
};

export const SeatLayout: SeatLayoutResolvers = {
  seatCount: (layout) => layout.seats.length,
  url: (layout) => layoutPath(layout.id, layout.revision),
};

export const SeatPlace: SeatPlaceResolvers = {
  code: (seat) => seat.seatId,
  accessible: (seat) => seat.accessible ?? false,
};

export const SeatHold: SeatHoldResolvers = {
  show: (hold) => ({ id: hold.showId }),
  seats: (hold, _, ctx) => ctx.catalog.seatsOfHold(ctx.loaders, hold),
};

export const Booking: BookingResolvers = {
  user: (booking) => ({ id: booking.userId }),
  show: (booking) => ({ id: booking.showId }),
  seats: (booking, _, ctx) => ctx.catalog.seatsOfBooking(ctx.loaders, booking),
  payment: (booking) => (booking.paymentId ? { __typename: 'Payment', id: booking.paymentId } : null),
  cancellations: async (booking, _, ctx) =>
    ((await ctx.loaders.cancellations.load(booking.id)) ?? []).map((c) => ({ ...c, booking })),
};

export const SeatCancellation: SeatCancellationResolvers = {
  seats: (cancellation, _, ctx) => ctx.catalog.seatsOfCancellation(ctx.loaders, cancellation),
};

export const User: UserResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  bookings: (user, { first, after }, ctx) => ctx.bookings.ofUser(ctx.loaders, ctx.identity, user.id, first, after),
  waitlist: (user, _, ctx) => ctx.waitlist.ofUser(ctx.identity, ctx.loaders, user.id),
};
