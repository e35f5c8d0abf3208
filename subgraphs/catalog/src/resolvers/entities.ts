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
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.movies.movie(ref.id.toLowerCase()) : null),
};

export const Train: TrainResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.trains.train(ref.id.toLowerCase()) : null),
  stations: async (train, _, ctx) => (await ctx.trains.route(train.id)).map((stop) => stop.station),
  route: (train, _, ctx) => ctx.trains.route(train.id),
  coaches: (train, _, ctx) => ctx.trains.coaches(train.id),
  seats: (train, _, ctx) => ctx.trains.seats(train.id),
};

export const Coach: CoachResolvers = {
  seatCount: (coach) => coach.rows * seatsPerCoachRow,
  seats: async (coach, _, ctx) =>
    (await ctx.trains.seats(coach.trainId)).filter((seat) => seat.row === `C${coach.number}`),
};

// A seat code is unique only within its layout; normalising client caches need an id unique across the API.
export const LayoutSeat: LayoutSeatResolvers = {
  id: (seat) => `${seat.layoutId}:${seat.seatId}`,
  code: (seat) => seat.seatId,
};

export const Station: StationResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.trains.station(ref.id.toLowerCase()) : null),
};

export const Venue: VenueResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.venues.venue(ref.id.toLowerCase()) : null),
  screens: (venue, _, ctx) => ctx.venues.screensOf(venue.id),
};

export const Screen: ScreenResolvers = {
  __resolveReference: (ref, ctx) => (isId(ref.id) ? ctx.venues.screen(ref.id.toLowerCase()) : null),
  venue: async (screen, _, ctx) => {
    const venue = await ctx.venues.venue(screen.venueId);
    if (!venue) throw new Error(`screen ${screen.id} has no venue`);
    return venue;
  },
  layout: (screen, _, ctx) => ctx.venues.layout(screen.id),
};
