import type { BaseContext } from '@seats/platform';
import type { MovieService } from './movies.js';
import type { TrainService } from './trains.js';
import type { VenueService } from './venues.js';

/** The catalog subgraph's resolver context: the caller and the services. */
export interface Context extends BaseContext {
  movies: MovieService;
  venues: VenueService;
  trains: TrainService;
}
