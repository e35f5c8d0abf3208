import {
  requestSubjects,
  type BusEvent,
  type Disposable,
  type EventBus,
  type EventConsumer,
  type Logger,
} from '@seats/platform';
import type { ChargeService } from './charge.js';
import { processedEvents } from './db/schema.js';
import { parseChargeRequest, parseRefundRequest } from './requests.js';
import type { RefundService } from './refund.js';

/** The durable consumer that refunds cancelled and expired bookings. */
export const bookingRefundsConsumer = 'payments-booking-refunds';
const claims = { table: processedEvents, consumer: bookingRefundsConsumer };

/** Serves the charge and refund requests bookings sends (see requestSubjects). */
export async function serveRequests(
  bus: EventBus,
  services: { charges: ChargeService; refunds: RefundService },
  log: Logger,
): Promise<Disposable[]> {
  const charge = await bus.reply(requestSubjects.charge, async (data) => {
    const parsed = parseChargeRequest(data);
    if (!parsed.ok) {
      log.warn({ field: parsed.field }, 'malformed charge request');
      return parsed;
    }
    return services.charges.charge(parsed.value);
  });
  const refund = await bus.reply(requestSubjects.refund, async (data) => {
    const parsed = parseRefundRequest(data);
    if (!parsed.ok) {
      log.warn({ field: parsed.field }, 'malformed refund request');
      return parsed;
    }
    return services.refunds.refund(parsed.value.paymentId, parsed.value.reason);
  });
  return [charge, refund];
}

/**
 * Refunds the payment of every cancelled or expired booking that has one,
 * once per event (a producer's retry under a new event id finds the payment
 * refunded already).
 */
export function bookingEndingsConsumer(refunds: RefundService, log: Logger): EventConsumer {
  const refund = async (event: BusEvent<'BookingCancelled' | 'BookingExpired'>, reason: string) => {
    const { paymentId } = event.payload;
    if (!paymentId) return;
    const reply = await refunds.refundOnce(claims, event, paymentId.toLowerCase(), reason);
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
