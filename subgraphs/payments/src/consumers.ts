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
 * once per event (a producer's retry under a new event id finds the payment
 * refunded already).
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
  return {
    durable: bookingRefundsConsumer,
    handlers: {
      BookingCancelled: (event) => refund(event, 'booking_cancelled'),
      BookingExpired: (event) => refund(event, 'booking_expired'),
    },
  };
}
