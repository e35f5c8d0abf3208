import {
  requestIfAnswered,
  requestSubjects,
  settlePaymentsLimit,
  startPeriodic,
  type Db,
  type EventBus,
  type Logger,
  type PeriodicTask,
  type SettlePaymentsReply,
  type SubgraphMetrics,
} from '@seats/platform';
import { listUnreconciled, markReconciled } from './db/payments.js';
import type { RefundService } from './refunds.js';

const everyMs = 10_000;
/** A payment's own PaymentSucceeded gets this long to confirm its booking first. */
const graceSeconds = 60;
const askTimeoutMs = 10_000;

/**
 * Makes sure no money stays without a booking. Every few seconds, the
 * SUCCEEDED payments that are a minute old and not yet seen confirmed are
 * handed to bookings, which confirms each booking by its payment as the
 * PaymentSucceeded event would have (a lost event, a consumer that dropped
 * it). A booking confirmed by it marks the payment reconciled; a booking
 * that ended, or none at all, has the payment refunded here and now.
 */
export class PaymentReconciler {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly refunds: RefundService,
    private readonly metrics: SubgraphMetrics,
    private readonly log: Logger,
  ) {}

  start(): PeriodicTask {
    return startPeriodic({ name: 'payment reconciliation', everyMs, run: () => this.reconcile(), log: this.log });
  }

  /** One pass over at most one request's worth of payments; returns how many it refunded. */
  async reconcile(olderThanSeconds = graceSeconds): Promise<number> {
    const payments = await listUnreconciled(this.db, olderThanSeconds, settlePaymentsLimit);
    if (payments.length === 0) return 0;
    const reply = await requestIfAnswered<SettlePaymentsReply>(
      this.bus,
      requestSubjects.settlePayments,
      { payments: payments.map(({ id, bookingId }) => ({ paymentId: id, bookingId })) },
      askTimeoutMs,
    );
    if (!reply) {
      this.log.warn({ payments: payments.length }, 'bookings did not answer reconciliation; asking again later');
      return 0;
    }
    if (!reply.ok) {
      this.log.error({ error: reply.error }, 'bookings refused a reconciliation request');
      return 0;
    }
    const confirmed = reply.results.filter((r) => r.booking === 'CONFIRMED').map((r) => r.paymentId);
    await markReconciled(this.db, confirmed);
    let refunded = 0;
    for (const { paymentId, booking } of reply.results) {
      if (booking !== 'ENDED' && booking !== 'NO_BOOKING') continue;
      const outcome = await this.refunds.refund(paymentId, booking === 'ENDED' ? 'booking_ended' : 'no_booking');
      if (outcome.ok && outcome.status === 'REFUNDED') refunded++;
      this.log.warn({ paymentId, booking }, 'refunded a payment whose booking was not confirmed by it');
    }
    this.metrics.countRepairs('payment_refunded', refunded);
    return refunded;
  }
}
