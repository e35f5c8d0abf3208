import {
  notChargedReason,
  requestIfAnswered,
  requestSubjects,
  startPeriodic,
  type ChargeReply,
  type ChargeRequest,
  type Db,
  type EventBus,
  type Logger,
  type PeriodicTask,
  type SubgraphMetrics,
} from '@seats/platform';
import type { BookingService } from './bookings.js';
import { chargeKey, chargeTimeoutMs } from './checkout.js';
import {
  leaseUnsettledCheckout,
  listStalledCheckouts,
  listUnsettledCheckouts,
  settleCheckout,
  settleCheckoutFromBooking,
  takeOverCheckout,
  type UnsettledCheckout,
} from './db/bookings.js';
import type { Lifecycle } from './lifecycle.js';

const everyMs = 5_000;
/** A checkout gets the charge's own timeout and this much more before it counts as unanswered. */
const graceSeconds = chargeTimeoutMs / 1000 + 10;
const leaseSeconds = 30;
const batchSize = 50;
const askTimeoutMs = 5_000;

/**
 * Settles checkouts whose charge never answered. A checkout keeps its
 * booking pending when the charge's reply did not come (a timeout, the
 * bus or payments away, a process that died mid-charge); without this the
 * seats would stay blocked for the rest of the hold. Every few seconds it
 * asks payments for the outcome under each such checkout's key and settles
 * the booking by it:
 *
 * - SUCCEEDED: confirmed (or, if the hold ended meanwhile, expired and refunded);
 * - PROCESSING: the payment is recorded, and its PaymentSucceeded confirms;
 * - FAILED, or no charge at all (payments then records the key as
 *   `not_charged`, so the charge request can no longer charge anything if
 *   it arrives late): the booking is removed, the seats stay held for the
 *   user to try again, and the key answers PAYMENT_DECLINED from then on.
 *
 * A checkout is leased before it is settled, so one instance settles it
 * while a repeat of the request waits for the outcome.
 */
export class CheckoutReconciler {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly bookings: BookingService,
    private readonly lifecycle: Lifecycle,
    private readonly metrics: SubgraphMetrics,
    private readonly log: Logger,
  ) {}

  start(): PeriodicTask {
    return startPeriodic({
      name: 'checkout reconciliation',
      everyMs,
      run: () => this.settleUnanswered(),
      log: this.log,
    });
  }

  /** One pass; returns how many checkouts it settled. */
  async settleUnanswered(olderThanSeconds = graceSeconds): Promise<number> {
    let settled = await this.settleStalled(olderThanSeconds);
    for (const checkout of await listUnsettledCheckouts(this.db, olderThanSeconds, batchSize)) {
      if (!(await leaseUnsettledCheckout(this.db, checkout.userId, checkout.key, leaseSeconds))) continue;
      const reply = await requestIfAnswered<ChargeReply>(
        this.bus,
        requestSubjects.settleCharge,
        settleRequest(checkout),
        askTimeoutMs,
      );
      if (!reply) {
        // Payments is away: the next pass asks again.
        this.log.warn({ bookingId: checkout.bookingId }, 'payments did not answer for an unsettled checkout');
        return settled;
      }
      if (await this.settle(checkout, reply)) settled++;
    }
    return settled;
  }

  /**
   * Keys whose checkout died after its booking was decided (confirmed by
   * the payment's event, expired, removed unpaid) answer from the booking,
   * as a repeat of the request would after the lease.
   */
  private async settleStalled(olderThanSeconds: number): Promise<number> {
    let settled = 0;
    for (const stalled of await listStalledCheckouts(this.db, olderThanSeconds, batchSize)) {
      const { userId, key, booking } = stalled;
      if (!(await takeOverCheckout(this.db, userId, key, leaseSeconds))) continue;
      await settleCheckoutFromBooking(this.db, userId, key, booking);
      this.metrics.countRepairs('checkout_stalled');
      settled++;
    }
    return settled;
  }

  private async settle(checkout: UnsettledCheckout, reply: ChargeReply): Promise<boolean> {
    const { bookingId, userId, key } = checkout;
    if (!reply.ok) {
      this.log.error({ bookingId, error: reply.error }, 'payments refused to settle a checkout');
      return false;
    }
    switch (reply.status) {
      case 'SUCCEEDED':
        await this.bookings.confirm(bookingId, reply.paymentId, { userId, key });
        break;
      case 'PROCESSING':
        await this.bookings.attachPayment(bookingId, reply.paymentId);
        await settleCheckout(this.db, userId, key, 'BOOKED', bookingId);
        break;
      case 'FAILED':
        await this.db.transaction(async (tx) => {
          await settleCheckout(tx, userId, key, 'DECLINED', null, reply.reason ?? notChargedReason);
          await this.lifecycle.abandonBooking(tx, bookingId);
        });
        break;
    }
    this.metrics.countRepairs(`checkout_${reply.status.toLowerCase()}`);
    this.log.info({ bookingId, status: reply.status }, 'settled a checkout whose charge never answered');
    return true;
  }
}

/** The charge request the checkout sent (a voided key records no token: none is known here). */
function settleRequest(checkout: UnsettledCheckout): ChargeRequest {
  return {
    idempotencyKey: chargeKey(checkout.userId, checkout.key),
    requestHash: checkout.requestHash,
    bookingId: checkout.bookingId,
    userId: checkout.userId,
    amount: checkout.total,
    token: 'none',
  };
}
