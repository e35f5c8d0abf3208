import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '@seats/platform';
import { notifications, recipients } from './db/schema.js';
import type { Message, NotificationModel, RecipientModel } from './models.js';

/** A notification ready to mail, with its recipient's address when known. */
export interface Outgoing {
  id: string;
  subject: string;
  body: string;
  email: string | null;
}

/** How many attempts the sender makes before giving a notification up. */
export const maxAttempts = 12;

/** All SQL of the notifications subgraph. */
export class NotificationsRepository {
  constructor(readonly db: Db) {}

  /** Records (or updates) where a user's mail goes. */
  async upsertRecipient(tx: Tx, recipient: { userId: string; email: string; name: string }): Promise<void> {
    await tx
      .insert(recipients)
      .values(recipient)
      .onConflictDoUpdate({
        target: recipients.userId,
        set: { email: recipient.email, name: recipient.name, updatedAt: sql`now()` },
      });
  }

  async findRecipient(tx: Tx, userId: string): Promise<RecipientModel | undefined> {
    const [row] = await tx.select().from(recipients).where(eq(recipients.userId, userId));
    return row;
  }

  /**
   * Stores a notification once per user and event; undefined when it exists.
   * `leaseMs` > 0 marks the first mail attempt as taken by the caller, so the
   * sender worker leaves it alone unless that attempt is lost.
   */
  async insert(tx: Tx, message: Message, eventId: string, leaseMs: number): Promise<NotificationModel | undefined> {
    const [row] = await tx
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
    return row;
  }

  /** A user's notifications, newest first. */
  async listForUser(userId: string, limit: number): Promise<NotificationModel[]> {
    return this.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit);
  }

  /** One notification with its recipient's address, for sending. */
  async outgoing(id: string): Promise<Outgoing | undefined> {
    const [row] = await this.db
      .select({
        id: notifications.id,
        subject: notifications.subject,
        body: notifications.body,
        email: recipients.email,
      })
      .from(notifications)
      .leftJoin(recipients, eq(recipients.userId, notifications.userId))
      .where(and(eq(notifications.id, id), isNull(notifications.sentAt)));
    return row;
  }

  /**
   * Takes up to `limit` unsent notifications that are due, skipping rows
   * another instance holds, and leases them for `leaseMs`.
   */
  async claimDue(limit: number, leaseMs: number): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const due = await tx
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
      await tx
        .update(notifications)
        .set({
          attempts: sql`${notifications.attempts} + 1`,
          nextAttemptAt: sql`now() + ${leaseMs}::int * interval '1 millisecond'`,
        })
        .where(inArray(notifications.id, ids));
      return ids;
    });
  }

  async markSent(id: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ sentAt: sql`now()`, lastError: null })
      .where(and(eq(notifications.id, id), isNull(notifications.sentAt)));
  }

  /** Schedules the next attempt, backing off exponentially from `retryBaseMs` up to an hour. */
  async markFailed(id: string, error: string, retryBaseMs: number): Promise<void> {
    const delay = sql`least(${retryBaseMs}::int * power(2, greatest(${notifications.attempts} - 1, 0)), 3600000)`;
    await this.db
      .update(notifications)
      .set({ lastError: error.slice(0, 500), nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'` })
      .where(eq(notifications.id, id));
  }
}
