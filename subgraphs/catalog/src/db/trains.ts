import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { groupBy, toPage, type Page, type Position, type RouteStop, type Tx } from '@seats/platform';
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

/** The trains with these ids, in no particular order; unknown ids are left out. */
export async function findTrains(db: Tx, ids: readonly string[]): Promise<TrainModel[]> {
  if (ids.length === 0) return [];
  return db
    .select(trainColumns)
    .from(trains)
    .where(inArray(trains.id, [...ids]));
}

export async function trainNumberTaken(db: Tx, number: string): Promise<boolean> {
  const [taken] = await db.select({ id: trains.id }).from(trains).where(eq(trains.number, number));
  return taken !== undefined;
}

/** The routes of these trains in order, with their stations, by train id; a train with no route has no entry. */
export async function routeStopsOfTrains(db: Tx, trainIds: readonly string[]): Promise<Map<string, RouteStopModel[]>> {
  if (trainIds.length === 0) return new Map();
  const rows = await db
    .select({ stop: routeStops, station: stations })
    .from(routeStops)
    .innerJoin(stations, eq(stations.id, routeStops.stationId))
    .where(inArray(routeStops.trainId, [...trainIds]))
    .orderBy(asc(routeStops.trainId), asc(routeStops.index));
  const byTrain = groupBy(rows, (row) => row.stop.trainId);
  return new Map(
    [...byTrain].map(([trainId, stops]) => [
      trainId,
      stops.map(({ stop, station }) => ({
        index: stop.index,
        station,
        arrivesAfterMinutes: stop.arrivesAfterMinutes,
        departsAfterMinutes: stop.departsAfterMinutes,
      })),
    ]),
  );
}

/** The coaches of these trains in order, by train id. */
export async function coachesOfTrains(db: Tx, trainIds: readonly string[]): Promise<Map<string, CoachModel[]>> {
  if (trainIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(coaches)
    .where(inArray(coaches.trainId, [...trainIds]))
    .orderBy(asc(coaches.trainId), asc(coaches.number));
  return groupBy(rows, (coach) => coach.trainId);
}

/** The stations with these ids, in no particular order; unknown ids are left out. */
export async function findStations(db: Tx, ids: readonly string[]): Promise<StationModel[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(stations)
    .where(inArray(stations.id, [...ids]));
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
