import { and, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
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

/** The booking of a hold, locked for the rest of the transaction (after the hold's own lock). */
export async function lockBookingOfHold(tx: Tx, holdId: string): Promise<BookingModel | null> {
  const [row] = await tx.select(bookingColumns).from(bookings).where(eq(bookings.holdId, holdId)).for('update');
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

/** What `openCheckout` did (migration 0005 documents each outcome). */
export type OpenedCheckout =
  | { outcome: 'opened'; booking: BookingModel }
  | { outcome: 'replay' | 'expired' | 'no_hold' | 'forbidden' | 'in_checkout' | 'no_show' | 'cancelled' };

/** The booking columns the checkout functions return: null when they wrote nothing. */
const returnedBooking = {
  show_id: z.string().nullable(),
  from_stop: z.number().nullable(),
  to_stop: z.number().nullable(),
  total_amount: z.number().nullable(),
  currency: z.string().nullable(),
  created_at: z.coerce.date().nullable(),
};

type ReturnedBooking = { [K in keyof typeof returnedBooking]: z.infer<(typeof returnedBooking)[K]> };

/** The booking a checkout function returned, with what the caller already knows of it. */
function returnedModel(
  fn: string,
  row: ReturnedBooking,
  known: Pick<BookingModel, 'id' | 'holdId' | 'userId' | 'status' | 'paymentId'>,
): BookingModel {
  const { show_id: showId, total_amount: amount, currency, created_at: createdAt } = row;
  if (showId === null || amount === null || currency === null || createdAt === null)
    throw new Error(`bookings.${fn} returned no booking`);
  return { ...known, showId, fromStop: row.from_stop, toStop: row.to_stop, total: { amount, currency }, createdAt };
}

/** A user's idempotency key of checkout. */
export interface CheckoutKey {
  userId: string;
  key: string;
}

/** What checkout's first statement is given. */
export interface CheckoutOpening extends CheckoutKey {
  requestHash: string;
  holdId: string;
  bookingId: string;
}

const openedRow = z.object({
  outcome: z.enum(['opened', 'replay', 'expired', 'no_hold', 'forbidden', 'in_checkout', 'no_show', 'cancelled']),
  ...returnedBooking,
});

/**
 * Claims the idempotency key and opens the PENDING_PAYMENT booking of the
 * user's active hold in one statement (`bookings.open_checkout`, migration
 * 0005): outside a transaction, one round trip that commits. A refusal
 * leaves the key free, except an ended hold, which the key records.
 */
export async function openCheckout(db: Tx, request: CheckoutOpening): Promise<OpenedCheckout> {
  const { userId, key, requestHash, holdId, bookingId } = request;
  const [row] = await selectRows(
    db,
    openedRow,
    sql`select * from bookings.open_checkout(${userId}::uuid, ${key}, ${requestHash}, ${holdId}::uuid, ${bookingId}::uuid)`,
  );
  if (!row) throw new Error('bookings.open_checkout returned no row');
  if (row.outcome !== 'opened') return { outcome: row.outcome };
  const known = { id: bookingId, holdId, userId, status: 'PENDING_PAYMENT', paymentId: null } as const;
  return { outcome: 'opened', booking: returnedModel('open_checkout', row, known) };
}

/** What `confirmPaid` did (migration 0005): the booking when confirmed, now or before. */
export type PaidConfirmation = { outcome: 'confirmed'; booking: BookingModel } | { outcome: 'no_booking' | 'other' };

const confirmedRow = z.object({
  outcome: z.enum(['confirmed', 'no_booking', 'other']),
  ...returnedBooking,
  hold_id: z.string().nullable(),
  user_id: z.string().nullable(),
  status: bookingRow.shape.status.nullable(),
  payment_id: z.string().nullable(),
});

/**
 * A succeeded payment confirms a pending booking whose hold is active, in
 * one statement (`bookings.confirm_paid`, migration 0005), with the hold
 * CONVERTED, the show's next version and BookingConfirmed; `settles`, when
 * given, is the checkout that records BOOKED in it. An already confirmed
 * booking is returned as it is; anything else is `other`, for the caller's
 * transaction.
 */
export async function confirmPaid(
  db: Tx,
  bookingId: string,
  paymentId: string,
  settles: CheckoutKey | null,
): Promise<PaidConfirmation> {
  const [row] = await selectRows(
    db,
    confirmedRow,
    sql`select * from bookings.confirm_paid(${bookingId}::uuid, ${paymentId}::uuid,
          ${settles?.userId ?? null}::uuid, ${settles?.key ?? null}::text)`,
  );
  if (!row) throw new Error('bookings.confirm_paid returned no row');
  if (row.outcome !== 'confirmed') return { outcome: row.outcome };
  const { hold_id: holdId, user_id: userId, status } = row;
  if (!holdId || !userId || !status) throw new Error('bookings.confirm_paid returned no booking');
  const known = { id: bookingId, holdId, userId, status, paymentId: row.payment_id };
  return { outcome: 'confirmed', booking: returnedModel('confirm_paid', row, known) };
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

/**
 * Takes over a PENDING checkout whose lease ran out (the process that
 * claimed it died, or is `leaseSeconds` late): renews the lease for the
 * caller; false while another still holds it, or when it is settled.
 */
export async function takeOverCheckout(db: Tx, userId: string, key: string, leaseSeconds: number): Promise<boolean> {
  return leaseCheckout(db, userId, key, ['PENDING'], leaseSeconds);
}

/** Renews a checkout's lease for the caller if it is in one of `outcomes` and its lease ran out. */
async function leaseCheckout(
  db: Tx,
  userId: string,
  key: string,
  outcomes: CheckoutOutcome[],
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await db
    .update(checkouts)
    .set({ leasedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(
      and(
        eq(checkouts.userId, userId),
        eq(checkouts.idempotencyKey, key),
        inArray(checkouts.outcome, outcomes),
        sql`${checkouts.leasedUntil} <= now()`,
      ),
    )
    .returning({ userId: checkouts.userId });
  return rows.length === 1;
}

/** A checkout whose booking waits for a payment nobody told it about (see listUnsettledCheckouts). */
export interface UnsettledCheckout {
  bookingId: string;
  userId: string;
  key: string;
  requestHash: string;
  total: { amount: number; currency: string };
}

const unsettledRow = z.object({
  booking_id: z.string(),
  user_id: z.string(),
  idempotency_key: z.string(),
  request_hash: z.string(),
  total_amount: z.coerce.number(),
  currency: z.string(),
});

/**
 * Pending bookings with no payment recorded, opened more than
 * `olderThanSeconds` ago, whose checkout is not leased by a running
 * request: their charge's answer never came (a timeout, a process that
 * died). Oldest first, at most `limit`.
 */
export async function listUnsettledCheckouts(
  db: Tx,
  olderThanSeconds: number,
  limit: number,
): Promise<UnsettledCheckout[]> {
  const rows = await selectRows(
    db,
    unsettledRow,
    sql`select b.id as booking_id, b.user_id, c.idempotency_key, c.request_hash, b.total_amount, b.currency
        from bookings.bookings b
        join bookings.checkouts c on c.user_id = b.user_id and c.booking_id = b.id
        where b.status = 'PENDING_PAYMENT' and b.payment_id is null
          and b.created_at < now() - make_interval(secs => ${olderThanSeconds})
          and c.outcome in ('PENDING', 'BOOKED') and c.leased_until <= now()
        order by b.created_at
        limit ${limit}`,
  );
  return rows.map((row) => ({
    bookingId: row.booking_id,
    userId: row.user_id,
    key: row.idempotency_key,
    requestHash: row.request_hash,
    total: { amount: row.total_amount, currency: row.currency },
  }));
}

/** A claimed key whose checkout stopped before settling it, and what became of its booking. */
export interface StalledCheckout {
  userId: string;
  key: string;
  /** Null when the booking is gone (removed unpaid) or there never was one. */
  booking: { id: string; status: BookingStatus } | null;
}

const stalledRow = z.object({
  user_id: z.string(),
  idempotency_key: z.string(),
  booking_id: z.string().nullable(),
  status: z.enum(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED']).nullable(),
});

/**
 * Keys still PENDING, claimed more than `olderThanSeconds` ago, whose lease
 * ran out (their process died) and whose booking does not wait for a
 * charge's answer (those are listUnsettledCheckouts'): their outcome is
 * already decided by the booking. Oldest first, at most `limit`.
 */
export async function listStalledCheckouts(
  db: Tx,
  olderThanSeconds: number,
  limit: number,
): Promise<StalledCheckout[]> {
  const rows = await selectRows(
    db,
    stalledRow,
    sql`select c.user_id, c.idempotency_key, b.id as booking_id, b.status
        from bookings.checkouts c
        left join bookings.bookings b on b.id = c.booking_id
        where c.outcome = 'PENDING' and c.leased_until <= now()
          and c.created_at < now() - make_interval(secs => ${olderThanSeconds})
          and not coalesce(b.status = 'PENDING_PAYMENT' and b.payment_id is null, false)
        order by c.created_at
        limit ${limit}`,
  );
  return rows.map((row) => ({
    userId: row.user_id,
    key: row.idempotency_key,
    booking: row.booking_id && row.status ? { id: row.booking_id, status: row.status } : null,
  }));
}

/**
 * Leases an unsettled checkout (PENDING or BOOKED, lease run out) for
 * `leaseSeconds`, so that one instance settles it while a repeat of the
 * request waits; false when someone else holds it or it was settled.
 */
export async function leaseUnsettledCheckout(
  db: Tx,
  userId: string,
  key: string,
  leaseSeconds: number,
): Promise<boolean> {
  return leaseCheckout(db, userId, key, ['PENDING', 'BOOKED'], leaseSeconds);
}

/**
 * Settles a key whose checkout stopped, as its booking (decided by now)
 * answers: BOOKED for a confirmed or cancelled one (or a pending one whose
 * payment is recorded: its event settles it), HOLD_EXPIRED for an expired
 * one, and freed when there is none (removed unpaid: nothing was charged).
 */
export async function settleCheckoutFromBooking(
  db: Tx,
  userId: string,
  key: string,
  booking: { id: string; status: BookingStatus } | null,
): Promise<void> {
  if (!booking) return forgetCheckout(db, userId, key);
  if (booking.status === 'EXPIRED') return settleCheckout(db, userId, key, 'HOLD_EXPIRED', null);
  return settleCheckout(db, userId, key, 'BOOKED', booking.id);
}

/** Frees an idempotency key whose first request changed nothing. */
export async function forgetCheckout(tx: Tx, userId: string, key: string): Promise<void> {
  await tx.delete(checkouts).where(and(eq(checkouts.userId, userId), eq(checkouts.idempotencyKey, key)));
}

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

/** What the back office filters bookings by; null means any. */
export interface BookingSearch {
  showId: string | null;
  status: BookingStatus | null;
  createdFrom: Date | null;
  createdBefore: Date | null;
  userId: string | null;
}

/** Bookings matching the search, newest first, at most `limit` after a (createdAt, id) position. */
export async function searchBookings(
  db: Tx,
  search: BookingSearch,
  limit: number,
  after: Position | null,
): Promise<BookingModel[]> {
  const conditions = [
    search.showId === null ? undefined : eq(bookings.showId, search.showId),
    search.status === null ? undefined : eq(bookings.status, search.status),
    search.userId === null ? undefined : eq(bookings.userId, search.userId),
    search.createdFrom === null ? undefined : gte(bookings.createdAt, search.createdFrom),
    search.createdBefore === null ? undefined : lt(bookings.createdAt, search.createdBefore),
    after === null
      ? undefined
      : sql`(${bookings.createdAt}, ${bookings.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
  ];
  const rows = await db
    .select(bookingColumns)
    .from(bookings)
    .where(and(...conditions))
    .orderBy(desc(bookings.createdAt), desc(bookings.id))
    .limit(limit);
  return rows.map(toModel);
}

const salesRow = z.object({
  category: z.string(),
  sold: z.number(),
  revenue: z.coerce.number(),
});

/**
 * A show's confirmed seats and their revenue per category, in one
 * statement: each seat of a confirmed booking at its category's price for
 * the booking's legs.
 */
export async function salesByCategory(db: Tx, showId: string): Promise<Array<z.infer<typeof salesRow>>> {
  return selectRows(
    db,
    salesRow,
    sql`select ls.category, count(*)::int as sold,
          coalesce(sum(p.amount * (upper(hs.legs) - lower(hs.legs))), 0)::bigint as revenue
        from bookings.bookings b
        join bookings.hold_seats hs on hs.hold_id = b.hold_id and hs.active
        join bookings.shows s on s.show_id = b.show_id
        join bookings.layout_seats ls on ls.layout_id = s.layout_id and ls.seat_id = hs.seat_id
        left join bookings.show_prices p on p.show_id = b.show_id and p.category = ls.category
        where b.show_id = ${showId} and b.status = 'CONFIRMED'
        group by ls.category
        order by ls.category`,
  );
}

/** Seats of a show's active holds that have not lapsed (those of bookings waiting for payment among them). */
export async function countHeldSeats(db: Tx, showId: string): Promise<number> {
  const [row] = await selectRows(
    db,
    z.object({ held: z.number() }),
    sql`select count(*)::int as held from bookings.hold_seats hs join bookings.holds h on h.id = hs.hold_id
        where hs.show_id = ${showId} and hs.active and h.status = 'ACTIVE' and h.expires_at > now()`,
  );
  return row?.held ?? 0;
}
