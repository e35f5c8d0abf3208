import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Position, Tx } from '@seats/platform';
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

/** A user's bookings, newest first, after a (createdAt, id) position. */
export async function listBookingsOfUser(
  db: Tx,
  userId: string,
  limit: number,
  after: Position | null,
): Promise<BookingModel[]> {
  const rows = await db
    .select(bookingColumns)
    .from(bookings)
    .where(
      and(
        eq(bookings.userId, userId),
        after
          ? sql`(${bookings.createdAt}, ${bookings.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(bookings.createdAt), desc(bookings.id))
    .limit(limit);
  return rows.map(toModel);
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
