import { batchLoader, indexBy, type Db, type Loader } from '@seats/platform';
import { findMovies } from './db/movies.js';
import { coachesOfTrains, findStations, findTrains, routeStopsOfTrains } from './db/trains.js';
import { findScreens, findVenues, layoutSeatsOfScreens, screensOfVenues } from './db/venues.js';
import type {
  CoachModel,
  LayoutSeatModel,
  MovieModel,
  RouteStopModel,
  ScreenModel,
  StationModel,
  TrainModel,
  VenueModel,
} from './models.js';

/**
 * The reads of one request, batched: every entity reference and per-parent
 * field of a level of the query is answered by one statement per loader,
 * whatever the number of parents. Made per request by `context()`; keys are
 * ids already validated and lower-cased by the services.
 */
export interface Loaders {
  movie: Loader<string, MovieModel>;
  train: Loader<string, TrainModel>;
  station: Loader<string, StationModel>;
  /** A train's route, stop by stop. */
  routeStops: Loader<string, RouteStopModel[]>;
  /** A train's coaches, by number. */
  coaches: Loader<string, CoachModel[]>;
  venue: Loader<string, VenueModel>;
  screen: Loader<string, ScreenModel>;
  /** A venue's screens, in the order they were given. */
  screensOfVenue: Loader<string, ScreenModel[]>;
  /** A screen's seats, front to back and left to right. */
  layoutSeats: Loader<string, LayoutSeatModel[]>;
}

const byId = (id: string) => id;
const ofId = ({ id }: { id: string }) => id;

export function createLoaders(db: Db): Loaders {
  return {
    movie: batchLoader(async (ids) => indexBy(await findMovies(db, ids), ofId), byId),
    train: batchLoader(async (ids) => indexBy(await findTrains(db, ids), ofId), byId),
    station: batchLoader(async (ids) => indexBy(await findStations(db, ids), ofId), byId),
    routeStops: batchLoader((ids) => routeStopsOfTrains(db, ids), byId),
    coaches: batchLoader((ids) => coachesOfTrains(db, ids), byId),
    venue: batchLoader(async (ids) => indexBy(await findVenues(db, ids), ofId), byId),
    screen: batchLoader(async (ids) => indexBy(await findScreens(db, ids), ofId), byId),
    screensOfVenue: batchLoader((ids) => screensOfVenues(db, ids), byId),
    layoutSeats: batchLoader((ids) => layoutSeatsOfScreens(db, ids), byId),
  };
}
