import { defineOutbox, defineProcessedEvents } from '@seats/platform';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Everything the notifications subgraph stores lives in the `notifications` Postgres schema. */
export const schema = pgSchema('notifications');

/** Where to mail a user: a projection of UserRegistered events. */
export const recipients = schema.table('recipients', {
  userId: uuid('user_id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One message per user and event; mailed when SMTP is configured. */
export const notifications = schema.table(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    eventId: uuid('event_id').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Mail attempts so far; the sender gives up after a bounded number. */
    attempts: integer('attempts').notNull().default(0),
    /** Unsent rows are (re)tried from then on; also a lease while an attempt is under way. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('notifications_user_event_unique').on(t.userId, t.eventId),
    index('notifications_user_created_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('notifications_unsent_idx')
      .on(t.nextAttemptAt)
      .where(sql`sent_at is null`),
  ],
);

/** How far reconciliation has checked a producer's events, per check (see reconciliation.ts). */
export const reconciliationPositions = schema.table('reconciliation_positions', {
  name: text('name').primaryKey(),
  /** The producer's outbox position checked up to. */
  position: bigint('position', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const outbox = defineOutbox(schema);
export const processedEvents = defineProcessedEvents(schema);
