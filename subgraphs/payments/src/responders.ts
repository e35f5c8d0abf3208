import { requestSubjects, type Disposable, type EventBus, type Logger } from '@seats/platform';
import { parseChargeRequest, parseRefundRequest } from './domain/requests.js';
import type { PaymentService } from './payments.js';
import type { RefundService } from './refunds.js';

/**
 * Serves the charge, refund and settle-charge requests bookings sends over bus
 * request/reply (see requestSubjects): not events, so not consumers. A
 * malformed request is answered as such and changes nothing.
 */
export async function serveRequests(
  bus: EventBus,
  services: { payments: PaymentService; refunds: RefundService },
  log: Logger,
): Promise<Disposable[]> {
  const charge = await bus.reply(requestSubjects.charge, async (data) => {
    const parsed = parseChargeRequest(data);
    if (!parsed.ok) {
      log.warn({ field: parsed.field }, 'malformed charge request');
      return parsed;
    }
    return services.payments.charge(parsed.value);
  });
  const refund = await bus.reply(requestSubjects.refund, async (data) => {
    const parsed = parseRefundRequest(data);
    if (!parsed.ok) {
      log.warn({ field: parsed.field }, 'malformed refund request');
      return parsed;
    }
    return services.refunds.refund(parsed.value.paymentId, parsed.value.reason, parsed.value.part);
  });
  const settleCharge = await bus.reply(requestSubjects.settleCharge, async (data) => {
    const parsed = parseChargeRequest(data);
    if (!parsed.ok) {
      log.warn({ field: parsed.field }, 'malformed settle-charge request');
      return parsed;
    }
    return services.payments.settleCharge(parsed.value);
  });
  return [charge, refund, settleCharge];
}
