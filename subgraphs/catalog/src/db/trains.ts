import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { toPage, type Page, type Position, type RouteStop, type Tx } from '@seats/platform';
import type { CoachDraft, RouteStopDraft } from '../domain/train.js';
import type { CoachModel, RouteStopModel, StationModel, TrainModel } from '../models.js';
import { coaches, routeStops, stations, trains } from './schema.js';

/** The catalog's trains with their routes, stations and coaches. Ids passed in are already validated. */

const trainColumns = { id: trains.id, number: trains.number, name: trains.name };

/** Trains ordered by number then id, after a position. */
export async function listTrains(db: Tx, first: number, after: Position | null): Promise<Page<TrainModel>> {
  const rows = await db
    .select(trainColumns)
    .from(trains)
    .where(after ? sql`(${trains.number}, ${trains.id}) > (${after[0]}, ${after[1]})` : undefined)
    .orderBy(asc(trains.number), asc(trains.id))
    .limit(first + 1);
  return toPage(rows, first, (t) => [t.number, t.id]);
}

export async function findTrain(db: Tx, id: string): Promise<TrainModel | null> {
  const [row] = await db.select(trainColumns).from(trains).where(eq(trains.id, id));
  return row ?? null;
}

export async function trainNumberTaken(db: Tx, number: string): Promise<boolean> {
  const [taken] = await db.select({ id: trains.id }).from(trains).where(eq(trains.number, number));
  return taken !== undefined;
}

/** A train's route in order, with its stations. */
export async function listRouteStops(db: Tx, trainId: string): Promise<RouteStopModel[]> {
  const rows = await db
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

export async function listCoaches(db: Tx, trainId: string): Promise<CoachModel[]> {
  return db.select().from(coaches).where(eq(coaches.trainId, trainId)).orderBy(asc(coaches.number));
}

export async function findStation(db: Tx, id: string): Promise<StationModel | null> {
  const [row] = await db.select().from(stations).where(eq(stations.id, id));
  return row ?? null;
}

/**
 * Stores a train with its route and coaches; stations are found by name or
 * created. Returns the route as the TrainUpserted event carries it.
 */
export async function insertTrain(
  db: Tx,
  train: TrainModel,
  route: readonly RouteStopDraft[],
  trainCoaches: readonly CoachDraft[],
): Promise<RouteStop[]> {
  await db.insert(trains).values(train);
  const byName = await upsertStations(
    db,
    route.map((stop) => stop.stationName),
  );
  const resolved = route.map((stop) => ({ stop, station: stationOf(byName, stop.stationName) }));
  await db.insert(routeStops).values(
    resolved.map(({ stop, station }, index) => ({
      trainId: train.id,
      index,
      stationId: station.id,
      arrivesAfterMinutes: stop.arrivesAfterMinutes,
      departsAfterMinutes: stop.departsAfterMinutes,
    })),
  );
  await db.insert(coaches).values(trainCoaches.map((coach) => ({ trainId: train.id, ...coach })));
  return resolved.map(({ stop, station }) => ({
    stationId: station.id,
    name: station.name,
    arrivesAfterMinutes: stop.arrivesAfterMinutes,
    departsAfterMinutes: stop.departsAfterMinutes,
  }));
}

/** Finds or creates stations by name; safe against a concurrent insert of the same name. */
async function upsertStations(db: Tx, names: readonly string[]): Promise<Map<string, StationModel>> {
  const rows = await db
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
