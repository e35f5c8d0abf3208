import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import type { Message } from '../domain/messages.js';
import type { NotificationModel } from '../models.js';
import { notifications } from './schema.js';

/** The notifications users read: one per user and event. */

/**
 * Stores a notification once per user and event; null when it exists.
 * `leaseMs` > 0 marks the first mail attempt as taken by the caller, so the
 * sender leaves it alone unless that attempt is lost.
 */
export async function insertNotification(
  db: Tx,
  message: Message,
  eventId: string,
  leaseMs: number,
): Promise<NotificationModel | null> {
  const [row] = await db
    .insert(notifications)
    .values({
      id: randomUUID(),
      ...message,
      eventId,
      attempts: leaseMs > 0 ? 1 : 0,
      nextAttemptAt: sql`now() + ${leaseMs}::int * interval '1 millisecond'`,
    })
    .onConflictDoNothing({ target: [notifications.userId, notifications.eventId] })
    .returning();
  return row ?? null;
}

/** A user's notifications, newest first. */
export function listForUser(db: Tx, userId: string, limit: number): Promise<NotificationModel[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}
