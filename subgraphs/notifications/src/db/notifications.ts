import { randomUUID } from 'node:crypto';
import { asc, desc, inArray, lte, sql } from 'drizzle-orm';
import { groupBy, type Tx } from '@seats/platform';
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

/**
 * Many users' notifications in one statement, newest first, at most `limit`
 * each (numbered per user by a window function); by user id, a user with
 * none has no entry.
 */
export async function listForUsers(
  db: Tx,
  userIds: readonly string[],
  limit: number,
): Promise<Map<string, NotificationModel[]>> {
  if (userIds.length === 0) return new Map();
  const ranked = db
    .select({
      id: notifications.id,
      rank: sql<number>`row_number() over (partition by ${notifications.userId} order by ${notifications.createdAt} desc, ${notifications.id} desc)`.as(
        'rank',
      ),
    })
    .from(notifications)
    .where(inArray(notifications.userId, [...userIds]))
    .as('ranked');
  const rows = await db
    .select()
    .from(notifications)
    .where(inArray(notifications.id, db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, limit))))
    .orderBy(asc(notifications.userId), desc(notifications.createdAt), desc(notifications.id));
  return groupBy(rows, (notification) => notification.userId);
}
