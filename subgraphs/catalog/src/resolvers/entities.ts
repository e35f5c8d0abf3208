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
 * Entity types and their fields, read through the request's loaders. A
 * reference with a malformed id resolves to null, like an unknown one:
 * other subgraphs only pass ids they stored.
 */

export const Movie: MovieResolvers = {
  __resolveReference: (ref, ctx) => ctx.movies.movie(ctx.loaders, ref.id),
  archived: (movie) => movie.archivedAt !== null,
};

export const Train: TrainResolvers = {
  __resolveReference: (ref, ctx) => ctx.trains.train(ctx.loaders, ref.id),
  stations: async (train, _, ctx) => (await ctx.trains.route(ctx.loaders, train.id)).map((stop) => stop.station),
  route: (train, _, ctx) => ctx.trains.route(ctx.loaders, train.id),
  coaches: (train, _, ctx) => ctx.trains.coaches(ctx.loaders, train.id),
  seats: (train, _, ctx) => ctx.trains.seats(ctx.loaders, train.id),
};

export const Coach: CoachResolvers = {
  seatCount: (coach) => coach.rows * seatsPerCoachRow,
  seats: (coach, _, ctx) => ctx.trains.seatsOfCoach(ctx.loaders, coach),
};

// A seat code is unique only within its layout; normalising client caches need an id unique across the API.
export const LayoutSeat: LayoutSeatResolvers = {
  id: (seat) => `${seat.layoutId}:${seat.seatId}`,
  code: (seat) => seat.seatId,
};

export const Station: StationResolvers = {
  __resolveReference: (ref, ctx) => ctx.trains.station(ctx.loaders, ref.id),
};

export const Venue: VenueResolvers = {
  __resolveReference: (ref, ctx) => ctx.venues.venue(ctx.loaders, ref.id),
  screens: (venue, _, ctx) => ctx.venues.screensOf(ctx.loaders, venue.id),
};

export const Screen: ScreenResolvers = {
  __resolveReference: (ref, ctx) => ctx.venues.screen(ctx.loaders, ref.id),
  venue: (screen, _, ctx) => ctx.venues.venueOf(ctx.loaders, screen),
  layout: (screen, _, ctx) => ctx.venues.layout(ctx.loaders, screen.id),
};
