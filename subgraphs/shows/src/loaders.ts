import { batchLoader, indexBy, type Db, type Loader } from '@seats/platform';
import { findShows, listUpcomingForMovies, listUpcomingForTrains } from './db/shows.js';
import type { ShowModel } from './models.js';

/**
 * The reads of one request, batched: every entity reference and per-parent
 * field of a level of the query is answered by the same statements
 * whatever the number of parents. Made per request by `context()`; keys are
 * ids already validated and lower-cased by the service.
 */
export interface Loaders {
  show: Loader<string, ShowModel>;
  /** A movie's upcoming screenings, soonest first, at most `upcomingLimit`. */
  upcomingOfMovie: Loader<string, ShowModel[]>;
  /** A train's upcoming trips, soonest first, at most `upcomingLimit`. */
  upcomingOfTrain: Loader<string, ShowModel[]>;
}

const byId = (id: string) => id;

export function createLoaders(db: Db): Loaders {
  return {
    show: batchLoader(async (ids) => indexBy(await findShows(db, ids), (show) => show.id), byId),
    upcomingOfMovie: batchLoader((ids) => listUpcomingForMovies(db, ids), byId),
    upcomingOfTrain: batchLoader((ids) => listUpcomingForTrains(db, ids), byId),
  };
}
