import {
  isId,
  NotFoundError,
  requestSubjects,
  settlePaymentsLimit,
  type Disposable,
  type EventBus,
  type Logger,
  type SettledPayment,
  type SettlePaymentsReply,
  type SettlePaymentsRequest,
} from '@seats/platform';
import type { BookingService } from './bookings.js';

/**
 * Serves payments' reconciliation (see requestSubjects.settlePayments):
 * each payment confirms its booking as its PaymentSucceeded event would
 * have (confirming twice changes nothing; a booking that ended records the
 * payment with a BookingExpired, which refunds it), and the reply says how
 * each booking stands. A malformed request is answered as such and changes
 * nothing.
 */
export async function serveRequests(bus: EventBus, bookings: BookingService, log: Logger): Promise<Disposable[]> {
  const settle = await bus.reply(requestSubjects.settlePayments, async (data): Promise<SettlePaymentsReply> => {
    const request = parseSettlePayments(data);
    if (!request) {
      log.warn('malformed settle-payments request');
      return { ok: false, error: 'MALFORMED_REQUEST' };
    }
    const results: SettledPayment[] = [];
    for (const { paymentId, bookingId } of request.payments) {
      results.push({ paymentId, booking: await settled(bookings, bookingId, paymentId) });
    }
    return { ok: true, results };
  });
  return [settle];
}

async function settled(
  bookings: BookingService,
  bookingId: string,
  paymentId: string,
): Promise<SettledPayment['booking']> {
  try {
    const booking = await bookings.confirm(bookingId, paymentId);
    if (booking.status === 'CONFIRMED') return booking.paymentId === paymentId ? 'CONFIRMED' : 'ENDED';
    return booking.status === 'PENDING_PAYMENT' ? 'PENDING' : 'ENDED';
  } catch (err) {
    if (err instanceof NotFoundError) return 'NO_BOOKING';
    throw err;
  }
}

function parseSettlePayments(data: unknown): SettlePaymentsRequest | null {
  const payments = (data as { payments?: unknown } | null)?.payments;
  if (!Array.isArray(payments) || payments.length === 0 || payments.length > settlePaymentsLimit) return null;
  const parsed: SettlePaymentsRequest['payments'] = [];
  for (const item of payments) {
    const { paymentId, bookingId } = (item ?? {}) as { paymentId?: unknown; bookingId?: unknown };
    if (typeof paymentId !== 'string' || !isId(paymentId) || typeof bookingId !== 'string' || !isId(bookingId)) {
      return null;
    }
    parsed.push({ paymentId: paymentId.toLowerCase(), bookingId: bookingId.toLowerCase() });
  }
  return { payments: parsed };
}
