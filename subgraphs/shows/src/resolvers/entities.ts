import { priceForLegs } from '@seats/platform';
import type {
  MovieResolvers,
  ShowResolvers,
  ShowStopResolvers,
  TrainResolvers,
  TripResolvers,
} from '../generated/resolvers.js';

/**
 * Movie, Train, Station and Screen are the catalog's; the schedule returns
 * references to them, which the gateway resolves there. What the schedule
 * reads per entity goes through the request's loaders.
 */

export const Show: ShowResolvers = {
  __resolveReference: (ref, ctx) => ctx.shows.show(ctx.loaders, ref.id),
  movie: (show) => (show.movieId ? { __typename: 'Movie', id: show.movieId } : null),
  screen: (show) => (show.screenId ? { __typename: 'Screen', id: show.screenId } : null),
  train: (show) => (show.trainId ? { __typename: 'Train', id: show.trainId } : null),
};

export const ShowStop: ShowStopResolvers = {
  station: (stop) => ({ __typename: 'Station', id: stop.stationId }),
};

export const Movie: MovieResolvers = {
  shows: (movie, _, ctx) => ctx.shows.upcomingForMovie(ctx.loaders, movie.id),
};

export const Train: TrainResolvers = {
  shows: (train, _, ctx) => ctx.shows.upcomingForTrain(ctx.loaders, train.id),
};

export const Trip: TripResolvers = {
  prices: (trip) =>
    trip.show.prices.map((p) => ({ ...p, amount: priceForLegs(p.amount, { from: trip.fromStop, to: trip.toStop }) })),
};
