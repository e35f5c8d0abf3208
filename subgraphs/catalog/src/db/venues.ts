import { asc, eq, getTableColumns } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
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

export async function findVenue(db: Tx, id: string): Promise<VenueModel | null> {
  const [row] = await db.select(venueColumns).from(venues).where(eq(venues.id, id));
  return row ?? null;
}

/** A venue's screens in the order they were given. */
export async function listScreens(db: Tx, venueId: string): Promise<ScreenModel[]> {
  return db.select(screenColumns).from(screens).where(eq(screens.venueId, venueId)).orderBy(asc(screens.position));
}

export async function findScreen(db: Tx, id: string): Promise<ScreenModel | null> {
  const [row] = await db.select(screenColumns).from(screens).where(eq(screens.id, id));
  return row ?? null;
}

/** A screen's seats, front to back and left to right. */
export async function listLayoutSeats(db: Tx, screenId: string): Promise<LayoutSeatModel[]> {
  const { screenId: layoutId, ...columns } = getTableColumns(layoutSeats);
  return db
    .select({ ...columns, layoutId })
    .from(layoutSeats)
    .where(eq(layoutSeats.screenId, screenId))
    .orderBy(asc(layoutSeats.y), asc(layoutSeats.x));
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
