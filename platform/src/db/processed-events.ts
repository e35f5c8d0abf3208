/**
 * Exactly-once effects for at-least-once delivery: a consumer claims an event
 * id in the same transaction as the event's effect, so a redelivery (or a
 * second instance handed the same event) finds the claim and changes
 * nothing, and a failed effect rolls its claim back with it.
 */
import { primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './database.js';

/** Event ids a consumer has handled, declared in each subgraph's own Postgres schema. */
export function defineProcessedEvents(schema: PgSchema) {
  return schema.table(
    'processed_events',
    {
      consumer: text('consumer').notNull(),
      eventId: uuid('event_id').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
  );
}

export type ProcessedEventsTable = ReturnType<typeof defineProcessedEvents>;

/** Where a consumer records the events it handled: its subgraph's table, and its name in it. */
export interface EventClaims {
  table: ProcessedEventsTable;
  /** Stays fixed once deployed: a new name would handle every redelivered event again. */
  consumer: string;
}

/**
 * Runs `work` in a transaction with the claim of `event` for the consumer,
 * once per consumer and event id: resolves to `work`'s result, or to
 * undefined when the event was handled before. Rejects (and leaves the event
 * unclaimed) when `work` does, so the bus redelivers it.
 *
 * @example
 * const claims = { table: processedEvents, consumer: 'shows-catalog' };
 * await onceInTransaction(db, claims, event, (tx) => upsertMovie(tx, event.payload));
 */
export async function onceInTransaction<T>(
  db: Db,
  claims: EventClaims,
  event: { id: string },
  work: (tx: Tx) => Promise<T>,
): Promise<T | undefined> {
  return db.transaction(async (tx) => {
    if (!(await claim(tx, claims, event.id))) return undefined;
    return work(tx);
  });
}

async function claim(tx: Tx, { table, consumer }: EventClaims, eventId: string): Promise<boolean> {
  const claimed = await tx
    .insert(table)
    .values({ consumer, eventId })
    .onConflictDoNothing()
    .returning({ eventId: table.eventId });
  return claimed.length === 1;
}
