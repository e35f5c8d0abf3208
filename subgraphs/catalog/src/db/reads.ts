import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { toPage, type Db, type Page, type Position } from '@seats/platform';
import { trainSeats } from '../domain/layout.js';
import type { MovieFilter } from '../domain/movie.js';
import type { TravelClass } from '../domain/train.js';
import type {
  CoachModel,
  LayoutSeatModel,
  MovieModel,
  RouteStopModel,
  ScreenModel,
  StationModel,
  TrainModel,
  VenueModel,
} from '../models.js';
import { coaches, layoutSeats, movies, routeStops, screens, stations, trains, venues } from './schema.js';

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

  /**
   * Movies matching the filter, ordered by title then id, after a position.
   * The cursor is a position in that order, so it stays valid under any
   * filter and while movies are added.
   */
  async movies(first: number, after: Position | null, filter: MovieFilter): Promise<Page<MovieModel>> {
    const rows = await this.db
      .select()
      .from(movies)
      .where(
        and(
          ...movieConditions(filter),
          after ? sql`(${movies.title}, ${movies.id}) > (${after[0]}, ${after[1]})` : undefined,
        ),
      )
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
    return this.db.select().from(coaches).where(eq(coaches.trainId, trainId)).orderBy(asc(coaches.number));
  }

  /** A train's seats, coach by coach: derived from its coaches, exactly as TrainUpserted carried them. */
  async trainSeats(trainId: string): Promise<LayoutSeatModel[]> {
    const list = await this.coaches(trainId);
    const drafts = list.map((c) => ({ number: c.number, travelClass: c.travelClass as TravelClass, rows: c.rows }));
    return trainSeats(drafts).map((seat) => ({ ...seat, layoutId: trainId }));
  }

  /** A screen's seats, front to back and left to right. */
  async layout(screenId: string): Promise<LayoutSeatModel[]> {
    const { screenId: layoutId, ...columns } = getTableColumns(layoutSeats);
    return this.db
      .select({ ...columns, layoutId })
      .from(layoutSeats)
      .where(eq(layoutSeats.screenId, screenId))
      .orderBy(asc(layoutSeats.y), asc(layoutSeats.x));
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

/**
 * Title text anywhere in the title and a genre among the movie's genres,
 * both ignoring case. `strpos` rather than LIKE, so % and _ in the text
 * are plain characters.
 */
function movieConditions(filter: MovieFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.titleContains !== null) {
    conditions.push(sql`strpos(lower(${movies.title}), lower(${filter.titleContains})) > 0`);
  }
  if (filter.genre !== null) {
    conditions.push(sql`exists (select 1 from unnest(${movies.genres}) as g where lower(g) = lower(${filter.genre}))`);
  }
  return conditions;
}
