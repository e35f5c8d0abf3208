import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import { processedEvents, reconciliationPositions } from './schema.js';

/** Where reconciliation stands, and which events a consumer has handled. */

export async function readPosition(db: Tx, name: string): Promise<number> {
  const [row] = await db
    .select({ position: reconciliationPositions.position })
    .from(reconciliationPositions)
    .where(eq(reconciliationPositions.name, name));
  return row?.position ?? 0;
}

/** Moves a position forward (never back: instances checking at once may finish out of order). */
export async function savePosition(db: Tx, name: string, position: number): Promise<void> {
  await db
    .insert(reconciliationPositions)
    .values({ name, position })
    .onConflictDoUpdate({
      target: reconciliationPositions.name,
      set: {
        position: sql`greatest(${reconciliationPositions.position}, excluded.position)`,
        updatedAt: sql`now()`,
      },
    });
}

/** Which of these event ids the consumer has handled. */
export async function handledEvents(db: Tx, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db
    .select({ eventId: processedEvents.eventId })
    .from(processedEvents)
    .where(and(eq(processedEvents.consumer, consumer), inArray(processedEvents.eventId, [...eventIds])));
  return new Set(rows.map((r) => r.eventId));
}
