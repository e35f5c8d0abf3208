import { asc, getTableColumns, inArray } from 'drizzle-orm';
import { groupBy, type Tx } from '@seats/platform';
import type { CatalogSeat } from '../domain/layout.js';
import type { LayoutSeatModel, ScreenModel, VenueModel } from '../models.js';
import { layoutSeats, screens, venues } from './schema.js';

/** The catalog's venues with their screens and seat layouts. Ids passed in are already validated. */

const venueColumns = { id: venues.id, name: venues.name, city: venues.city, address: venues.address };
const screenColumns = {
  id: screens.id,
  venueId: screens.venueId,
  name: screens.name,
  seatCount: screens.seatCount,
  categories: screens.categories,
};

/** Every venue, by name. */
export async function listVenues(db: Tx): Promise<VenueModel[]> {
  return db.select(venueColumns).from(venues).orderBy(asc(venues.name), asc(venues.id));
}

/** The venues with these ids, in no particular order; unknown ids are left out. */
export async function findVenues(db: Tx, ids: readonly string[]): Promise<VenueModel[]> {
  if (ids.length === 0) return [];
  return db
    .select(venueColumns)
    .from(venues)
    .where(inArray(venues.id, [...ids]));
}

/** The screens of these venues in the order they were given, by venue id. */
export async function screensOfVenues(db: Tx, venueIds: readonly string[]): Promise<Map<string, ScreenModel[]>> {
  if (venueIds.length === 0) return new Map();
  const rows = await db
    .select(screenColumns)
    .from(screens)
    .where(inArray(screens.venueId, [...venueIds]))
    .orderBy(asc(screens.venueId), asc(screens.position));
  return groupBy(rows, (screen) => screen.venueId);
}

/** The screens with these ids, in no particular order; unknown ids are left out. */
export async function findScreens(db: Tx, ids: readonly string[]): Promise<ScreenModel[]> {
  if (ids.length === 0) return [];
  return db
    .select(screenColumns)
    .from(screens)
    .where(inArray(screens.id, [...ids]));
}

/** The seats of these screens, front to back and left to right, by screen id. */
export async function layoutSeatsOfScreens(
  db: Tx,
  screenIds: readonly string[],
): Promise<Map<string, LayoutSeatModel[]>> {
  if (screenIds.length === 0) return new Map();
  const { screenId: layoutId, ...columns } = getTableColumns(layoutSeats);
  const rows = await db
    .select({ ...columns, layoutId })
    .from(layoutSeats)
    .where(inArray(layoutSeats.screenId, [...screenIds]))
    .orderBy(asc(layoutSeats.screenId), asc(layoutSeats.y), asc(layoutSeats.x));
  return groupBy(rows, (seat) => seat.layoutId);
}

/** A screen with its seats, as stored. */
export interface ScreenWithSeats extends ScreenModel {
  seats: CatalogSeat[];
}

/** Stays well under Postgres's 65,535 bind parameters per statement. */
const seatsPerInsert = 1000;

/** Stores a venue with its screens, in the order given, and their seats. */
export async function insertVenue(
  db: Tx,
  venue: VenueModel,
  venueScreens: readonly ScreenWithSeats[],
): Promise<VenueModel> {
  const [row] = await db.insert(venues).values(venue).returning(venueColumns);
  if (!row) throw new Error('insert into venues returned nothing');
  for (const [position, screen] of venueScreens.entries()) {
    const { seats, ...columns } = screen;
    await db.insert(screens).values({ ...columns, position });
    for (let at = 0; at < seats.length; at += seatsPerInsert) {
      const chunk = seats.slice(at, at + seatsPerInsert).map((seat) => ({ screenId: screen.id, ...seat }));
      await db.insert(layoutSeats).values(chunk);
    }
  }
  return row;
}
