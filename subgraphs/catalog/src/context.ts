import type { BaseContext } from '@seats/platform';
import type { Loaders } from './loaders.js';
import type { MovieService } from './movies.js';
import type { TrainService } from './trains.js';
import type { VenueService } from './venues.js';

/** The catalog subgraph's resolver context: the caller, the services and this request's loaders. */
export interface Context extends BaseContext {
  movies: MovieService;
  venues: VenueService;
  trains: TrainService;
  /** This request's batched reads. */
  loaders: Loaders;
}
