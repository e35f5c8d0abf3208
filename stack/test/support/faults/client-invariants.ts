/**
 * What the clients were told must be true: no internal errors (an outage is
 * a coded, retryable SERVICE_UNAVAILABLE), every error coded, no client told
 * an error for a checkout that charged it (unless a retry with the same key
 * got the booking), and a booking answered CONFIRMED stays so.
 */
import type { CheckoutTrace, LoadRecord } from './load.js';
import type { Collect, State } from './state.js';

/** Invariants about answers already given: waiting cannot change them. */
export const clientInvariants = new Set([
  'no INTERNAL_SERVER_ERROR answered',
  'every error carries a code',
  'no client told an error for a checkout that charged it',
  'every booking answered CONFIRMED stays confirmed unless its client cancelled it',
]);

const bookingStatuses = new Set(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED']);

export interface CheckoutFacts {
  /** Checkouts told an error that got their booking on a retry with the same key. */
  recovered: number;
  /** Checkouts told an error to the end whose payment was taken and then refunded. */
  refundedAfterError: number;
}

export function checkAnswers(load: LoadRecord, add: Collect): void {
  add(
    'no INTERNAL_SERVER_ERROR answered',
    Array.from({ length: load.codes.INTERNAL_SERVER_ERROR ?? 0 }, (_, i) => load.internalErrors[i] ?? '…'),
  );
  add(
    'every error carries a code',
    Array.from({ length: load.codes.NO_CODE ?? 0 }, (_, i) => load.uncodedErrors[i] ?? '…'),
  );
}

export function checkCheckouts(load: LoadRecord, db: State, add: Collect): CheckoutFacts {
  const paymentOf = new Map(db.payments.map((p) => [p.key, p]));
  const checkoutOf = new Map(db.checkouts.map((c) => [`${c.userId}:${c.key}`, c]));
  const bookingById = new Map(db.bookings.map((b) => [b.id, b]));
  const chargeOf = (c: CheckoutTrace) => paymentOf.get(`${c.userId}:${c.key}`);
  // Abandoned ones were cut short when the run ended: their clients were told nothing final.
  const toldError = load.checkouts.filter((c) => !c.abandoned && c.answers.some((a) => !bookingStatuses.has(a)));
  const unanswered = toldError.filter((c) => c.bookingId === null);
  add(
    'no client told an error for a checkout that charged it',
    unanswered
      .filter((c) => ['SUCCEEDED', 'PROCESSING'].includes(chargeOf(c)?.status ?? ''))
      .map((c) => ({
        ...c,
        payment: chargeOf(c),
        booking: bookingById.get(chargeOf(c)!.bookingId) ?? null,
        checkout: checkoutOf.get(`${c.userId}:${c.key}`) ?? null,
      })),
  );
  const keptConfirmed = (c: CheckoutTrace) =>
    !c.bookingId || !c.answers.includes('CONFIRMED') || load.cancelRequested.has(c.bookingId)
      ? true
      : bookingById.get(c.bookingId)?.status === 'CONFIRMED';
  add(
    'every booking answered CONFIRMED stays confirmed unless its client cancelled it',
    load.checkouts
      .filter((c) => !keptConfirmed(c))
      .map((c) => ({ ...c, booking: bookingById.get(c.bookingId!) ?? null })),
  );
  return {
    recovered: toldError.length - unanswered.length,
    refundedAfterError: unanswered.filter((c) => chargeOf(c)?.status === 'REFUNDED').length,
  };
}
