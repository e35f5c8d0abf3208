import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { defineOutbox, defineProcessedEvents } from '@seats/platform';

/** `[from, to)` over a trip's legs; a screening is the single leg [0, 1). */
const int4range = customType<{ data: string }>({ dataType: () => 'int4range' });

export const schema = pgSchema('bookings');

/** Seat layouts (screens and trains), projected from catalog events. */
export const layouts = schema.table('layouts', {
  layoutId: uuid('layout_id').primaryKey(),
  kind: text('kind', { enum: ['SCREEN', 'TRAIN'] }).notNull(),
  revision: integer('revision').notNull().default(1),
  /** How many seats the layout has (counted once, when it is written, for every count of free seats). */
  seatCount: integer('seat_count').notNull().default(0),
});

export const layoutSeats = schema.table(
  'layout_seats',
  {
    layoutId: uuid('layout_id').notNull(),
    seatId: text('seat_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    label: text('label').notNull(),
    row: text('row').notNull(),
    number: integer('number').notNull(),
    category: text('category').notNull(),
    x: integer('x').notNull(),
    y: integer('y').notNull(),
    accessible: boolean('accessible').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.layoutId, t.seatId] })],
);

/** Shows on sale, projected from shows events; `version` counts seat changes. */
export const shows = schema.table('shows', {
  showId: uuid('show_id').primaryKey(),
  kind: text('kind', { enum: ['SCREENING', 'TRIP'] }).notNull(),
  layoutId: uuid('layout_id').notNull(),
  legCount: integer('leg_count').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: ['SCHEDULED', 'CANCELLED'] })
    .notNull()
    .default('SCHEDULED'),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

export const showPrices = schema.table(
  'show_prices',
  {
    showId: uuid('show_id').notNull(),
    category: text('category').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.showId, t.category] })],
);

export const holds = schema.table(
  'holds',
  {
    id: uuid('id').primaryKey(),
    showId: uuid('show_id').notNull(),
    userId: uuid('user_id').notNull(),
    fromStop: integer('from_stop'),
    toStop: integer('to_stop'),
    status: text('status', { enum: ['ACTIVE', 'RELEASED', 'EXPIRED', 'CONVERTED'] }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('holds_due_idx')
      .on(t.expiresAt)
      .where(sql`status = 'ACTIVE'`),
    index('holds_user_show_idx').on(t.userId, t.showId),
  ],
);

/**
 * One row per held seat. While `active`, an exclusion constraint (see the
 * custom migration) forbids a second active row for the same seat on an
 * overlapping leg range: the database's own guard against double booking.
 */
export const holdSeats = schema.table(
  'hold_seats',
  {
    holdId: uuid('hold_id').notNull(),
    showId: uuid('show_id').notNull(),
    seatId: text('seat_id').notNull(),
    legs: int4range('legs').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.holdId, t.seatId] }),
    index('hold_seats_show_active_idx')
      .on(t.showId)
      .where(sql`active`),
  ],
);

export const bookings = schema.table(
  'bookings',
  {
    id: uuid('id').primaryKey(),
    holdId: uuid('hold_id').notNull().unique(),
    userId: uuid('user_id').notNull(),
    showId: uuid('show_id').notNull(),
    fromStop: integer('from_stop'),
    toStop: integer('to_stop'),
    status: text('status', { enum: ['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED'] }).notNull(),
    totalAmount: integer('total_amount').notNull(),
    currency: text('currency').notNull(),
    paymentId: uuid('payment_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_user_created_idx').on(t.userId, t.createdAt, t.id),
    // The back office's lists: a show's bookings, and everyone's, newest first (Query.bookings).
    index('bookings_show_created_idx').on(t.showId, t.createdAt, t.id),
    index('bookings_created_idx').on(t.createdAt, t.id),
    // The checkouts still waiting for a charge's answer (see reconciliation.ts).
    index('bookings_unpaid_idx')
      .on(t.createdAt)
      .where(sql`status = 'PENDING_PAYMENT' and payment_id is null`),
  ],
);

/** Seats cancelled out of confirmed bookings (cancelSeats): their hold_seats rows are no longer active. */
export const seatCancellations = schema.table(
  'seat_cancellations',
  {
    id: uuid('id').primaryKey(),
    bookingId: uuid('booking_id').notNull(),
    seatIds: text('seat_ids').array().notNull(),
    refundAmount: integer('refund_amount').notNull(),
    currency: text('currency').notNull(),
    cancelledBy: uuid('cancelled_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('seat_cancellations_booking_idx').on(t.bookingId, t.createdAt)],
);

/**
 * Waiting lists: who waits for seats of a sold-out show, first come first
 * served. An OFFERED entry's `hold_id` holds seats for its user until the
 * offer ends; whether it was taken up is the hold's status.
 */
export const waitlistEntries = schema.table(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey(),
    showId: uuid('show_id').notNull(),
    userId: uuid('user_id').notNull(),
    fromStop: integer('from_stop'),
    toStop: integer('to_stop'),
    seatCount: integer('seat_count').notNull(),
    status: text('status', { enum: ['WAITING', 'OFFERED', 'BOOKED', 'PASSED', 'LEFT'] }).notNull(),
    holdId: uuid('hold_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The line of a show, in order.
    index('waitlist_waiting_idx')
      .on(t.showId, t.createdAt, t.id)
      .where(sql`status = 'WAITING'`),
    // One place in a show's line per user at a time.
    uniqueIndex('waitlist_user_show_idx')
      .on(t.userId, t.showId)
      .where(sql`status in ('WAITING', 'OFFERED')`),
    index('waitlist_hold_idx').on(t.holdId),
    index('waitlist_user_idx').on(t.userId, t.createdAt),
  ],
);

/** Idempotency records of `checkout`, per user and client key. */
export const checkouts = schema.table(
  'checkouts',
  {
    userId: uuid('user_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    bookingId: uuid('booking_id'),
    outcome: text('outcome', { enum: ['PENDING', 'BOOKED', 'DECLINED', 'HOLD_EXPIRED'] }).notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Until when the checkout that claimed the key runs it; a PENDING key past
     * this is taken over by a repeat of the request (its process died).
     */
    leasedUntil: timestamp('leased_until', { withTimezone: true })
      .notNull()
      .default(sql`now() + interval '30 seconds'`),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.idempotencyKey] }),
    // The claims still running or stalled (see reconciliation.ts).
    index('checkouts_pending_idx')
      .on(t.createdAt)
      .where(sql`outcome = 'PENDING'`),
  ],
);

export const outbox = defineOutbox(schema);
export const processedEvents = defineProcessedEvents(schema);

/**
 * The partial indexes' predicates as literals: a bound parameter
 * (`active = $1`) would keep a prepared statement's generic plan off them.
 */
export const seatIsActive = sql`${holdSeats.active}`;
export const holdIsActive = sql`${holds.status} = 'ACTIVE'`;
