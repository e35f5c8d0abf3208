import { eq, sql } from 'drizzle-orm';
import type { EventClaims, EventPayloads, Tx } from '@seats/platform';
import { movies, processedEvents, screens, trains } from './schema.js';

/**
 * The schedule's copy of the catalog: written by the catalog consumer, read
 * when scheduling. An upsert only wins over a row written by a later event.
 */

export type MovieFacts = typeof movies.$inferSelect;
export type ScreenFacts = typeof screens.$inferSelect;
export type TrainFacts = typeof trains.$inferSelect;

/** Where a consumer of this subgraph claims the events it handled (see onceInTransaction). */
export function claimsOf(consumer: string): EventClaims {
  return { table: processedEvents, consumer };
}

export async function upsertMovie(db: Tx, payload: EventPayloads['MovieUpserted'], at: Date): Promise<void> {
  const row = {
    id: payload.movieId,
    title: payload.title,
    durationMinutes: payload.durationMinutes,
    archived: payload.archived ?? false,
    sourceAt: at,
  };
  await db
    .insert(movies)
    .values(row)
    .onConflictDoUpdate({ target: movies.id, set: row, setWhere: sql`${movies.sourceAt} <= excluded.source_at` });
}

export async function upsertScreen(db: Tx, payload: EventPayloads['ScreenUpserted'], at: Date): Promise<void> {
  const categories = [...new Set(payload.seats.map((seat) => seat.category))];
  const row = { id: payload.screenId, venueId: payload.venueId, name: payload.name, categories, sourceAt: at };
  await db
    .insert(screens)
    .values(row)
    .onConflictDoUpdate({ target: screens.id, set: row, setWhere: sql`${screens.sourceAt} <= excluded.source_at` });
}

export async function upsertTrain(db: Tx, payload: EventPayloads['TrainUpserted'], at: Date): Promise<void> {
  const travelClasses = [...new Set(payload.seats.map((seat) => seat.category))];
  const row = {
    id: payload.trainId,
    number: payload.number,
    name: payload.name,
    route: payload.route,
    travelClasses,
    sourceAt: at,
  };
  await db
    .insert(trains)
    .values(row)
    .onConflictDoUpdate({ target: trains.id, set: row, setWhere: sql`${trains.sourceAt} <= excluded.source_at` });
}

export async function findMovie(db: Tx, id: string): Promise<MovieFacts | null> {
  const [row] = await db.select().from(movies).where(eq(movies.id, id));
  return row ?? null;
}

export async function findScreen(db: Tx, id: string): Promise<ScreenFacts | null> {
  const [row] = await db.select().from(screens).where(eq(screens.id, id));
  return row ?? null;
}

export async function findTrain(db: Tx, id: string): Promise<TrainFacts | null> {
  const [row] = await db.select().from(trains).where(eq(trains.id, id));
  return row ?? null;
}
