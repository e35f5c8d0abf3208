import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { BadUserInputError, type RouteStop, type Tx } from '@seats/platform';
import type { CatalogSeat } from '../domain/layout.js';
import type { CoachDraft, RouteStopDraft } from '../domain/train.js';
import type { MovieModel, ScreenModel, StationModel, TrainModel, VenueModel } from '../models.js';
import { coaches, layoutSeats, movies, routeStops, screens, stations, trains, venues } from './schema.js';

/** Every write of the catalog; each runs inside the caller's transaction. */

export async function insertMovie(tx: Tx, movie: Omit<MovieModel, 'createdAt'>): Promise<MovieModel> {
  const [row] = await tx.insert(movies).values(movie).returning();
  if (!row) throw new Error('insert into movies returned nothing');
  return row;
}

/** A screen with its seats, as stored. */
export interface ScreenWithSeats extends ScreenModel {
  seats: CatalogSeat[];
}

/** Stays well under Postgres's 65,535 bind parameters per statement. */
const seatsPerInsert = 1000;

export async function insertVenue(
  tx: Tx,
  venue: Omit<VenueModel, 'createdAt'>,
  venueScreens: readonly ScreenWithSeats[],
): Promise<VenueModel> {
  const [row] = await tx.insert(venues).values(venue).returning();
  if (!row) throw new Error('insert into venues returned nothing');
  for (const [position, screen] of venueScreens.entries()) {
    const { seats, ...columns } = screen;
    await tx.insert(screens).values({ ...columns, position });
    for (let at = 0; at < seats.length; at += seatsPerInsert) {
      const chunk = seats.slice(at, at + seatsPerInsert).map((seat) => ({ screenId: screen.id, ...seat }));
      await tx.insert(layoutSeats).values(chunk);
    }
  }
  return row;
}

/**
 * Stores a train with its route and coaches; stations are found by name or
 * created. Returns the route as the TrainUpserted event carries it.
 */
export async function insertTrain(
  tx: Tx,
  train: TrainModel,
  route: readonly RouteStopDraft[],
  trainCoaches: readonly CoachDraft[],
): Promise<RouteStop[]> {
  const [taken] = await tx.select({ id: trains.id }).from(trains).where(eq(trains.number, train.number));
  if (taken) throw new BadUserInputError('input.number', 'a train with this number exists');
  await tx.insert(trains).values(train);
  const byName = await upsertStations(
    tx,
    route.map((stop) => stop.stationName),
  );
  const resolved = route.map((stop) => ({ stop, station: stationOf(byName, stop.stationName) }));
  await tx.insert(routeStops).values(
    resolved.map(({ stop, station }, index) => ({
      trainId: train.id,
      index,
      stationId: station.id,
      arrivesAfterMinutes: stop.arrivesAfterMinutes,
      departsAfterMinutes: stop.departsAfterMinutes,
    })),
  );
  await tx.insert(coaches).values(trainCoaches.map((coach) => ({ trainId: train.id, ...coach })));
  return resolved.map(({ stop, station }) => ({
    stationId: station.id,
    name: station.name,
    arrivesAfterMinutes: stop.arrivesAfterMinutes,
    departsAfterMinutes: stop.departsAfterMinutes,
  }));
}

/** Finds or creates stations by name; safe against a concurrent insert of the same name. */
async function upsertStations(tx: Tx, names: readonly string[]): Promise<Map<string, StationModel>> {
  const rows = await tx
    .insert(stations)
    .values(names.map((name) => ({ id: randomUUID(), name })))
    .onConflictDoUpdate({ target: stations.name, set: { name: sql`excluded.name` } })
    .returning();
  return new Map(rows.map((row) => [row.name, row]));
}

function stationOf(byName: Map<string, StationModel>, name: string): StationModel {
  const station = byName.get(name);
  if (!station) throw new Error(`station ${name} was not stored`);
  return station;
}
