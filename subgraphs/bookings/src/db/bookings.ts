import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { selectRows, type Position, type Tx } from '@seats/platform';
import type { BookingModel, BookingStatus } from '../models.js';
import { bookings, checkouts } from './schema.js';

/** Bookings and the idempotency records of checkout. */

export type CheckoutOutcome = 'PENDING' | 'BOOKED' | 'DECLINED' | 'HOLD_EXPIRED';

/** What the first checkout under an idempotency key asked for and how it ended. */
export interface CheckoutRecord {
  requestHash: string;
  bookingId: string | null;
  outcome: CheckoutOutcome;
  reason: string | null;
}

const bookingColumns = {
  id: bookings.id,
  holdId: bookings.holdId,
  userId: bookings.userId,
  showId: bookings.showId,
  fromStop: bookings.fromStop,
  toStop: bookings.toStop,
  status: bookings.status,
  totalAmount: bookings.totalAmount,
  currency: bookings.currency,
  paymentId: bookings.paymentId,
  createdAt: bookings.createdAt,
};

type BookingRow = { [K in keyof typeof bookingColumns]: (typeof bookings.$inferSelect)[K] };

const toModel = ({ totalAmount, currency, ...rest }: BookingRow): BookingModel => ({
  ...rest,
  total: { amount: totalAmount, currency },
});

export async function insertBooking(tx: Tx, { total, ...booking }: BookingModel): Promise<void> {
  await tx.insert(bookings).values({ ...booking, totalAmount: total.amount, currency: total.currency });
}

export async function findBooking(db: Tx, id: string): Promise<BookingModel | null> {
  const [row] = await db.select(bookingColumns).from(bookings).where(eq(bookings.id, id));
  return row ? toModel(row) : null;
}

/** The booking, locked for the rest of the transaction. */
export async function lockBooking(tx: Tx, id: string): Promise<BookingModel | null> {
  const [row] = await tx.select(bookingColumns).from(bookings).where(eq(bookings.id, id)).for('update');
  return row ? toModel(row) : null;
}

export async function findBookingOfHold(db: Tx, holdId: string): Promise<BookingModel | null> {
  const [row] = await db.select(bookingColumns).from(bookings).where(eq(bookings.holdId, holdId));
  return row ? toModel(row) : null;
}

/** Sets a booking's status and, when given, its payment (a recorded payment is never cleared). */
export async function setBookingStatus(
  tx: Tx,
  id: string,
  status: BookingStatus,
  paymentId: string | null,
): Promise<void> {
  await tx
    .update(bookings)
    .set({ status, paymentId: sql`coalesce(${paymentId}::uuid, ${bookings.paymentId})`, updatedAt: sql`now()` })
    .where(eq(bookings.id, id));
}

/** Removes a booking that was never paid (declined, bad token); a paid or settled one stays. */
export async function removeUnpaidBooking(tx: Tx, id: string): Promise<void> {
  await tx
    .delete(bookings)
    .where(and(eq(bookings.id, id), eq(bookings.status, 'PENDING_PAYMENT'), isNull(bookings.paymentId)));
}

/** Records a booking's payment without touching its status; a payment already recorded stays. */
export async function attachPayment(tx: Tx, id: string, paymentId: string): Promise<void> {
  await tx
    .update(bookings)
    .set({ paymentId: sql`coalesce(${bookings.paymentId}, ${paymentId}::uuid)`, updatedAt: sql`now()` })
    .where(eq(bookings.id, id));
}

/** Claims an idempotency key; false when it was claimed before. */
export async function claimCheckout(tx: Tx, userId: string, key: string, requestHash: string): Promise<boolean> {
  const rows = await tx
    .insert(checkouts)
    .values({ userId, idempotencyKey: key, requestHash, outcome: 'PENDING' })
    .onConflictDoNothing()
    .returning({ userId: checkouts.userId });
  return rows.length === 1;
}

export async function findCheckout(db: Tx, userId: string, key: string): Promise<CheckoutRecord | null> {
  const [row] = await db
    .select({
      requestHash: checkouts.requestHash,
      bookingId: checkouts.bookingId,
      outcome: checkouts.outcome,
      reason: checkouts.reason,
    })
    .from(checkouts)
    .where(and(eq(checkouts.userId, userId), eq(checkouts.idempotencyKey, key)));
  return row ?? null;
}

export async function settleCheckout(
  tx: Tx,
  userId: string,
  key: string,
  outcome: CheckoutOutcome,
  bookingId: string | null,
  reason: string | null = null,
): Promise<void> {
  await tx
    .update(checkouts)
    .set({ outcome, bookingId, reason })
    .where(and(eq(checkouts.userId, userId), eq(checkouts.idempotencyKey, key)));
}

/** Frees an idempotency key whose first request changed nothing. */
export async function forgetCheckout(tx: Tx, userId: string, key: string): Promise<void> {
  await tx.delete(checkouts).where(and(eq(checkouts.userId, userId), eq(checkouts.idempotencyKey, key)));
}

const bookingRow = z.object({
  id: z.string(),
  hold_id: z.string(),
  user_id: z.string(),
  show_id: z.string(),
  from_stop: z.number().nullable(),
  to_stop: z.number().nullable(),
  status: z.enum(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED']),
  total_amount: z.number(),
  currency: z.string(),
  payment_id: z.string().nullable(),
  created_at: z.coerce.date(),
});

/**
 * Many users' bookings in one statement, newest first, at most `limit`
 * each after one (createdAt, id) position: a page per user.
 */
export async function listBookingsOfUsers(
  db: Tx,
  userIds: readonly string[],
  limit: number,
  after: Position | null,
): Promise<Map<string, BookingModel[]>> {
  const byUser = new Map<string, BookingModel[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const cursor = after ? sql`and (created_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``;
  const rows = await selectRows(
    db,
    bookingRow,
    sql`select id, hold_id, user_id, show_id, from_stop, to_stop, status, total_amount, currency, payment_id, created_at
        from (select *, row_number() over (partition by user_id order by created_at desc, id desc) as n
              from bookings.bookings where user_id = any(${`{${userIds.join(',')}}`}::uuid[]) ${cursor}) page
        where n <= ${limit}
        order by user_id, created_at desc, id desc`,
  );
  for (const r of rows) {
    byUser.get(r.user_id)?.push({
      id: r.id,
      holdId: r.hold_id,
      userId: r.user_id,
      showId: r.show_id,
      fromStop: r.from_stop,
      toStop: r.to_stop,
      status: r.status,
      total: { amount: r.total_amount, currency: r.currency },
      paymentId: r.payment_id,
      createdAt: r.created_at,
    });
  }
  return byUser;
}
