import { and, asc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import { notifications, recipients } from './schema.js';

/** The mailing of notifications: attempts, leases, backoff and what was sent. */

/** A notification ready to mail, with its recipient's address when known. */
export interface Outgoing {
  id: string;
  subject: string;
  body: string;
  email: string | null;
}

/** How many attempts the sender makes before giving a notification up. */
export const maxAttempts = 12;

/** One unsent notification with its recipient's address, for sending; null once sent. */
export async function findOutgoing(db: Tx, id: string): Promise<Outgoing | null> {
  const [row] = await db
    .select({
      id: notifications.id,
      subject: notifications.subject,
      body: notifications.body,
      email: recipients.email,
    })
    .from(notifications)
    .leftJoin(recipients, eq(recipients.userId, notifications.userId))
    .where(and(eq(notifications.id, id), isNull(notifications.sentAt)));
  return row ?? null;
}

/**
 * Takes up to `limit` unsent notifications that are due, skipping rows
 * another instance holds, and leases them for `leaseMs`. Runs in a
 * transaction: the row locks last until the lease is written.
 */
export async function claimDue(db: Tx, limit: number, leaseMs: number): Promise<string[]> {
  const due = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        isNull(notifications.sentAt),
        lte(notifications.nextAttemptAt, sql`now()`),
        lt(notifications.attempts, maxAttempts),
        // Mail about something a day old is noise: do not start sending a backlog.
        gt(notifications.createdAt, sql`now() - interval '1 day'`),
      ),
    )
    .orderBy(asc(notifications.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  const ids = due.map((row) => row.id);
  await db
    .update(notifications)
    .set({
      attempts: sql`${notifications.attempts} + 1`,
      nextAttemptAt: sql`now() + ${leaseMs}::int * interval '1 millisecond'`,
    })
    .where(inArray(notifications.id, ids));
  return ids;
}

export async function markSent(db: Tx, id: string): Promise<void> {
  await db
    .update(notifications)
    .set({ sentAt: sql`now()`, lastError: null })
    .where(and(eq(notifications.id, id), isNull(notifications.sentAt)));
}

/** Schedules the next attempt, backing off exponentially from `retryBaseMs` up to an hour. */
export async function markFailed(db: Tx, id: string, error: string, retryBaseMs: number): Promise<void> {
  const delay = sql`least(${retryBaseMs}::int * power(2, greatest(${notifications.attempts} - 1, 0)), 3600000)`;
  await db
    .update(notifications)
    .set({ lastError: error.slice(0, 500), nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'` })
    .where(eq(notifications.id, id));
}
