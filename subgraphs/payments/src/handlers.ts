import { isId, requestSubjects, type BusEvent, type Disposable, type EventBus, type Logger } from '@seats/platform';
import type { ChargeService } from './charge.js';
import { parseChargeRequest, parseRefundRequest } from './requests.js';
import type { RefundService } from './refund.js';

/** The durable consumer that refunds cancelled and expired bookings. */
export const bookingRefundsConsumer = 'payments-booking-refunds';

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

/** Refunds the payment of every cancelled or expired booking that has one, once per event. */
export async function consumeBookingEndings(bus: EventBus, refunds: RefundService, log: Logger): Promise<Disposable> {
  return bus.consume({
    durable: bookingRefundsConsumer,
    types: ['BookingCancelled', 'BookingExpired'],
    handler: async (event) => {
      const target = refundTarget(event);
      if (!target) return;
      const reply = await refunds.refundOnce(bookingRefundsConsumer, event.id, target.paymentId, target.reason);
      if (reply && !reply.ok) log.warn({ eventId: event.id, paymentId: target.paymentId }, 'no payment to refund');
    },
  });
}

function refundTarget(event: BusEvent): { paymentId: string; reason: string } | null {
  if (event.type !== 'BookingCancelled' && event.type !== 'BookingExpired') return null;
  const { paymentId } = event.payload as { paymentId: unknown };
  // A malformed id could never be refunded; retrying it forever would help no one.
  if (typeof paymentId !== 'string' || !isId(paymentId)) return null;
  const reason = event.type === 'BookingCancelled' ? 'booking_cancelled' : 'booking_expired';
  return { paymentId: paymentId.toLowerCase(), reason };
}
