import {
  onceInTransaction,
  type BusEvent,
  type Db,
  type EventConsumer,
  type Logger,
  type Outbox,
} from '@seats/platform';
import { processedEvents } from './db/schema.js';
import type { RefundService } from './refunds.js';

/** The durable consumer that refunds cancelled and expired bookings; also its name in processed_events. */
export const bookingRefundsConsumer = 'payments-booking-refunds';
const claims = { table: processedEvents, consumer: bookingRefundsConsumer };

/**
 * Refunds the payment of every cancelled or expired booking that has one,
 * and the part of it for seats cancelled out of a booking, once per event
 * (a producer's retry under a new event id finds the payment refunded
 * already, or the part's key used).
 */
export function bookingEndingsConsumer(db: Db, outbox: Outbox, refunds: RefundService, log: Logger): EventConsumer {
  const refund = async (event: BusEvent<'BookingCancelled' | 'BookingExpired'>, reason: string) => {
    const { paymentId } = event.payload;
    if (!paymentId) return;
    const reply = await onceInTransaction(db, claims, event, (tx) =>
      refunds.refundIn(tx, paymentId.toLowerCase(), reason),
    );
    outbox.kick();
    if (reply && !reply.ok) log.warn({ eventId: event.id, paymentId }, 'no payment to refund');
  };
  const refundPart = async (event: BusEvent<'BookingSeatsCancelled'>) => {
    const { paymentId, cancellationId, refund: amount } = event.payload;
    if (!paymentId) return;
    const part = { key: cancellationId.toLowerCase(), amount: amount.amount };
    const reply = await onceInTransaction(db, claims, event, async (tx) => {
      const answer = await refunds.refundIn(tx, paymentId.toLowerCase(), 'seats_cancelled', part);
      // Not settled yet: nothing is claimed, and the event comes again.
      if (!answer.ok && answer.error === 'NOT_SETTLED') throw new Error('payment not settled yet');
      return answer;
    });
    outbox.kick();
    if (reply && !reply.ok) log.warn({ eventId: event.id, paymentId }, 'no payment to refund');
  };
  return {
    durable: bookingRefundsConsumer,
    handlers: {
      BookingCancelled: (event) => refund(event, 'booking_cancelled'),
      BookingSeatsCancelled: refundPart,
      BookingExpired: (event) => refund(event, 'booking_expired'),
    },
  };
}
