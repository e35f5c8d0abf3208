import { defineOutbox, defineProcessedEvents } from '@seats/platform';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Everything the payments subgraph stores lives in the `payments` Postgres schema. */
export const schema = pgSchema('payments');

export const paymentStatus = schema.enum('payment_status', ['PROCESSING', 'SUCCEEDED', 'FAILED', 'REFUNDED']);

/** One charge attempt per idempotency key; the provider's outcome is kept on the row. */
export const paymentIntents = schema.table(
  'payment_intents',
  {
    id: uuid('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** The caller's hash of its request: another request under the same key is a conflict. */
    requestHash: text('request_hash').notNull(),
    bookingId: uuid('booking_id').notNull(),
    userId: uuid('user_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    token: text('token').notNull(),
    status: paymentStatus('status').notNull(),
    failureReason: text('failure_reason'),
    /** When a PROCESSING intent settles (asynchronous sandbox tokens). */
    settleAt: timestamp('settle_at', { withTimezone: true }),
    /** A refund asked for while PROCESSING: the intent is refunded the moment it settles. */
    refundRequested: boolean('refund_requested').notNull().default(false),
    refundReason: text('refund_reason'),
    /** When reconciliation saw the booking of this SUCCEEDED payment confirmed by it (see reconciliation.ts). */
    reconciledAt: timestamp('reconciled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_intents_settle_idx')
      .on(t.settleAt)
      .where(sql`status = 'PROCESSING'`),
    index('payment_intents_booking_idx').on(t.bookingId),
    index('payment_intents_unreconciled_idx')
      .on(t.updatedAt)
      .where(sql`status = 'SUCCEEDED' and reconciled_at is null`),
    check('payment_intents_amount_positive', sql`${t.amount} > 0`),
    check('payment_intents_failed_has_reason', sql`(${t.status} = 'FAILED') = (${t.failureReason} is not null)`),
  ],
);

/**
 * A payment's refunds: the rest of it (key `full`) or parts of it (a seat
 * cancellation's id), each key at most once per payment; together never
 * more than the payment (RefundService checks under the payment's lock).
 */
export const refunds = schema.table(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => paymentIntents.id),
    key: text('key').notNull().default('full'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('refunds_payment_key_idx').on(t.paymentId, t.key),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
  ],
);

export const outbox = defineOutbox(schema);
export const processedEvents = defineProcessedEvents(schema);
