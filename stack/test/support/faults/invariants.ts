/**
 * What must hold after any fault once the platform has settled, checked in
 * the database, the JetStream stream, the parts' readiness and what the
 * clients were told. Each check gives a violation with a count and a few
 * example rows, so that a failing scenario says what went wrong where.
 * This file holds the seats', payments' and deadlines' checks; the events'
 * are in event-invariants.ts, the clients' in client-invariants.ts.
 */
import { sql } from '@seats/platform';
import { checkAnswers, checkCheckouts, type CheckoutFacts } from './client-invariants.js';
import { checkNotifications, checkOutboxes, checkStream, countNotInStream } from './event-invariants.js';
import { readState, type Collect, type InvariantSources, type State } from './state.js';

export { clientInvariants } from './client-invariants.js';
export type { InvariantSources } from './state.js';

export interface Violation {
  invariant: string;
  count: number;
  examples: unknown[];
}

/** Figures beside the violations, for the scenario's summary. */
export interface Facts extends CheckoutFacts {
  confirmed: number;
  refunds: number;
  streamMessages: number;
  /** Events of the outboxes that the stream does not hold (e.g. read before NATS lost its data). */
  notInStream: number;
}

export interface InvariantReport {
  violations: Violation[];
  facts: Facts;
}

/** How long past a deadline (a hold's expiry, a payment's settle time) a state may linger. */
export const deadlineMarginSeconds = 3;
const examplesKept = 5;

/** Checks every invariant; the violations are empty when all hold. */
export async function checkInvariants(sources: InvariantSources): Promise<InvariantReport> {
  const violations: Violation[] = [];
  const add: Collect = (invariant, rows) => {
    if (rows.length > 0) violations.push({ invariant, count: rows.length, examples: rows.slice(0, examplesKept) });
  };
  const db = await readState(sources);
  await checkSeats(sources, add);
  checkPayments(db, add);
  await checkDeadlines(sources, add);
  await checkOutboxes(sources, add);
  const stream = await checkStream(sources, add);
  await checkNotifications(sources, db, add);
  const readiness = await sources.readiness();
  add(
    'every part ready (/readyz 200)',
    Object.entries(readiness).filter(([, status]) => status !== 200),
  );
  checkAnswers(sources.load, add);
  const checkouts = checkCheckouts(sources.load, db, add);
  return {
    violations,
    facts: {
      confirmed: db.bookings.filter((b) => b.status === 'CONFIRMED').length,
      refunds: db.payments.filter((p) => p.refunds > 0).length,
      streamMessages: stream.length,
      notInStream: await countNotInStream(sources, stream),
      ...checkouts,
    },
  };
}

/** Live claims of a seat: an active hold, or the converted hold of a confirmed booking. */
const liveClaim = sql`(h.status = 'ACTIVE' or (h.status = 'CONVERTED' and coalesce(b.status = 'CONFIRMED', false)))`;

/**
 * No seat has two live claims on overlapping legs (judged by the holds' and
 * bookings' states, not by the seat flags the exclusion constraint guards),
 * and the flags agree with those states: a seat kept by a hold that ended
 * is never sold again, a live claim whose seat is not kept is sold twice next.
 */
async function checkSeats(sources: InvariantSources, add: Collect): Promise<void> {
  add(
    'no seat held or booked twice at once',
    await sources.query(
      'bookings',
      sql`with claims as (
            select hs.show_id, hs.seat_id, hs.legs, hs.hold_id
            from bookings.hold_seats hs
            join bookings.holds h on h.id = hs.hold_id
            left join bookings.bookings b on b.hold_id = hs.hold_id
            where ${liveClaim})
          select a.show_id as "showId", a.seat_id as "seatId", a.hold_id as "holdId", c.hold_id as "otherHoldId"
          from claims a
          join claims c on c.show_id = a.show_id and c.seat_id = a.seat_id and c.legs && a.legs
            and a.hold_id < c.hold_id`,
    ),
  );
  add(
    'seat flags agree with holds and bookings',
    await sources.query(
      'bookings',
      sql`select hs.hold_id as "holdId", hs.seat_id as "seatId", hs.active, h.status as "holdStatus",
            b.status as "bookingStatus"
          from bookings.hold_seats hs
          join bookings.holds h on h.id = hs.hold_id
          left join bookings.bookings b on b.hold_id = hs.hold_id
          where hs.active <> ${liveClaim}`,
    ),
  );
}

function checkPayments(db: State, add: Collect): void {
  const bookingById = new Map(db.bookings.map((b) => [b.id, b]));
  const paymentById = new Map(db.payments.map((p) => [p.id, p]));
  const confirmedWith = (p: State['payments'][number]) => {
    const booking = bookingById.get(p.bookingId);
    return booking?.status === 'CONFIRMED' && booking.paymentId === p.id;
  };
  add(
    'every SUCCEEDED payment has a CONFIRMED booking with it, or a refund',
    db.payments
      .filter((p) => p.status === 'SUCCEEDED' && p.refunds === 0 && !confirmedWith(p))
      .map((p) => ({ ...p, booking: bookingById.get(p.bookingId) ?? null })),
  );
  add(
    'every REFUNDED payment has exactly one refund',
    db.payments.filter((p) => p.status === 'REFUNDED' && p.refunds !== 1),
  );
  add(
    'every CONFIRMED booking has a SUCCEEDED payment',
    db.bookings
      .filter((b) => b.status === 'CONFIRMED')
      .filter((b) => !b.paymentId || paymentById.get(b.paymentId)?.status !== 'SUCCEEDED')
      .map((b) => ({ ...b, payment: b.paymentId ? (paymentById.get(b.paymentId) ?? null) : null })),
  );
}

/** Nothing waits past its deadline: pending bookings and keys past their hold, holds and payments past theirs. */
async function checkDeadlines(sources: InvariantSources, add: Collect): Promise<void> {
  const margin = sql`(${deadlineMarginSeconds}::int * interval '1 second')`;
  // A claim is its checkout's while its lease runs (a process that died holds it to the end);
  // then a repeat of the request or one reconciliation pass settles it.
  const reconcilePass = sql`interval '5 seconds'`;
  add(
    'no booking PENDING_PAYMENT past its hold',
    await sources.query(
      'bookings',
      sql`select b.id, b.payment_id as "paymentId", h.status as "holdStatus", h.expires_at as "holdExpiresAt"
          from bookings.bookings b join bookings.holds h on h.id = b.hold_id
          where b.status = 'PENDING_PAYMENT' and h.expires_at < now() - ${margin}`,
    ),
  );
  add(
    'no checkout key PENDING past its hold and its lease',
    await sources.query(
      'bookings',
      sql`select c.user_id as "userId", c.idempotency_key as "key", c.booking_id as "bookingId",
            b.status as "bookingStatus", h.expires_at as "holdExpiresAt", c.leased_until as "leasedUntil"
          from bookings.checkouts c
          left join bookings.bookings b on b.id = c.booking_id
          left join bookings.holds h on h.id = b.hold_id
          where c.outcome = 'PENDING'
            and greatest(h.expires_at, c.leased_until) < now() - ${margin} - ${reconcilePass}`,
    ),
  );
  add(
    'no hold ACTIVE past its expiry',
    await sources.query(
      'bookings',
      sql`select id, expires_at as "expiresAt" from bookings.holds
          where status = 'ACTIVE' and expires_at < now() - ${margin}`,
    ),
  );
  add(
    'no payment PROCESSING past its settle time',
    await sources.query(
      'payments',
      sql`select id, booking_id as "bookingId", settle_at as "settleAt" from payments.payment_intents
          where status = 'PROCESSING' and settle_at < now() - ${margin}`,
    ),
  );
}
