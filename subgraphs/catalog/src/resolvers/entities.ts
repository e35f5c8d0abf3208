import { isId } from '@seats/platform';
import type {
  CoachResolvers,
  LayoutSeatResolvers,
  MovieResolvers,
  ScreenResolvers,
  StationResolvers,
  TrainResolvers,
  VenueResolvers,
} from '../generated/resolvers.js';
import { seatsPerCoachRow } from '../domain/layout.js';

/**
 * Entity types and their fields. A reference with a malformed id resolves
 * to null, like an unknown one: other subgraphs only pass ids they stored.
 */

export const Movie: MovieResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.reads.movie(ref.id.toLowerCase()) : null),
};

export const Train: TrainResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.reads.train(ref.id.toLowerCase()) : null),
  stations: async (train, _, ctx) => (await ctx.reads.route(train.id)).map((stop) => stop.station),
  route: (train, _, ctx) => ctx.reads.route(train.id),
  coaches: (train, _, ctx) => ctx.reads.coaches(train.id),
  seats: (train, _, ctx) => ctx.reads.trainSeats(train.id),
};

export const Coach: CoachResolvers = {
  seatCount: (coach) => coach.rows * seatsPerCoachRow,
  seats: async (coach, _, ctx) =>
    (await ctx.reads.trainSeats(coach.trainId)).filter((seat) => seat.row === `C${coach.number}`),
};

// A seat code is unique only within its layout; normalising client caches need an id unique across the API.
export const LayoutSeat: LayoutSeatResolvers = {
  id: (seat) => `${seat.layoutId}:${seat.seatId}`,
  code: (seat) => seat.seatId,
};

export const Station: StationResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.reads.station(ref.id.toLowerCase()) : null),
};

export const Venue: VenueResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.reads.venue(ref.id.toLowerCase()) : null),
  screens: (venue, _, ctx) => ctx.reads.screensOf(venue.id),
};

export const Screen: ScreenResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.reads.screen(ref.id.toLowerCase()) : null),
  venue: async (screen, _, ctx) => {
    const venue = await ctx.reads.venue(screen.venueId);
    if (!venue) throw new Error(`screen ${screen.id} has no venue`);
    return venue;
  },
  layout: (screen, _, ctx) => ctx.reads.layout(screen.id),
};
