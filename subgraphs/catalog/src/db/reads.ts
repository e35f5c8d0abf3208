import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@seats/platform';
import type {
  CoachModel,
  MovieModel,
  RouteStopModel,
  ScreenModel,
  StationModel,
  TrainModel,
  VenueModel,
} from '../models.js';
import { coaches, movies, routeStops, screens, stations, trains, venues } from './schema.js';
import { toPage, type Page, type Position } from './page.js';

const screenColumns = {
  id: screens.id,
  venueId: screens.venueId,
  name: screens.name,
  seatCount: screens.seatCount,
  categories: screens.categories,
};
const trainColumns = { id: trains.id, number: trains.number, name: trains.name };

/** Every read the catalog's resolvers make. Ids passed in are already validated. */
export class CatalogReads {
  constructor(private readonly db: Db) {}

  /** Movies ordered by title then id, after a position. */
  async movies(first: number, after: Position | null): Promise<Page<MovieModel>> {
    const rows = await this.db
      .select()
      .from(movies)
      .where(after ? sql`(${movies.title}, ${movies.id}) > (${after[0]}, ${after[1]})` : undefined)
      .orderBy(asc(movies.title), asc(movies.id))
      .limit(first + 1);
    return toPage(rows, first, (m) => [m.title, m.id]);
  }

  async movie(id: string): Promise<MovieModel | null> {
    const [row] = await this.db.select().from(movies).where(eq(movies.id, id));
    return row ?? null;
  }

  /** Trains ordered by number then id, after a position. */
  async trains(first: number, after: Position | null): Promise<Page<TrainModel>> {
    const rows = await this.db
      .select(trainColumns)
      .from(trains)
      .where(after ? sql`(${trains.number}, ${trains.id}) > (${after[0]}, ${after[1]})` : undefined)
      .orderBy(asc(trains.number), asc(trains.id))
      .limit(first + 1);
    return toPage(rows, first, (t) => [t.number, t.id]);
  }

  async train(id: string): Promise<TrainModel | null> {
    const [row] = await this.db.select(trainColumns).from(trains).where(eq(trains.id, id));
    return row ?? null;
  }

  /** A train's route in order, with its stations. */
  async route(trainId: string): Promise<RouteStopModel[]> {
    const rows = await this.db
      .select({ stop: routeStops, station: stations })
      .from(routeStops)
      .innerJoin(stations, eq(stations.id, routeStops.stationId))
      .where(eq(routeStops.trainId, trainId))
      .orderBy(asc(routeStops.index));
    return rows.map(({ stop, station }) => ({
      index: stop.index,
      station,
      arrivesAfterMinutes: stop.arrivesAfterMinutes,
      departsAfterMinutes: stop.departsAfterMinutes,
    }));
  }

  async coaches(trainId: string): Promise<CoachModel[]> {
    return this.db
      .select({ number: coaches.number, travelClass: coaches.travelClass, rows: coaches.rows })
      .from(coaches)
      .where(eq(coaches.trainId, trainId))
      .orderBy(asc(coaches.number));
  }

  async station(id: string): Promise<StationModel | null> {
    const [row] = await this.db.select().from(stations).where(eq(stations.id, id));
    return row ?? null;
  }

  /** Every venue, by name. */
  async venues(): Promise<VenueModel[]> {
    return this.db.select().from(venues).orderBy(asc(venues.name), asc(venues.id));
  }

  async venue(id: string): Promise<VenueModel | null> {
    const [row] = await this.db.select().from(venues).where(eq(venues.id, id));
    return row ?? null;
  }

  /** A venue's screens in the order they were given. */
  async screensOf(venueId: string): Promise<ScreenModel[]> {
    return this.db
      .select(screenColumns)
      .from(screens)
      .where(eq(screens.venueId, venueId))
      .orderBy(asc(screens.position));
  }

  async screen(id: string): Promise<ScreenModel | null> {
    const [row] = await this.db.select(screenColumns).from(screens).where(eq(screens.id, id));
    return row ?? null;
  }
}
