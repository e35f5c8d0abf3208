import { UnreachableCaseError, type Db, type Outbox, type RefundReply, type Tx } from '@seats/platform';
import { lockPayment, markRefunded, requestRefund } from './db/payments.js';
import { fullRefundKey, insertRefund, refundsOf } from './db/refunds.js';
import { paymentFacts } from './domain/payment.js';
import type { PaymentModel } from './models.js';

/** A part of a payment to refund, once per `key` (a seat cancellation's id). */
export interface RefundPart {
  key: string;
  amount: number;
}

/**
 * Refunds payments, idempotently: a refunded payment stays refunded and is
 * refunded once; a part is refunded once per key, and the refunds of a
 * payment never add up to more than it; a PROCESSING one is refunded (in
 * full) the moment it settles (see SettlementService); a failed one was
 * never charged.
 */
export class RefundService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  /** Refunds a payment, or a part of it, in its own transaction. */
  async refund(paymentId: string, reason: string, part?: RefundPart): Promise<RefundReply> {
    const reply = await this.db.transaction((tx) => this.refundIn(tx, paymentId, reason, part));
    this.outbox.kick();
    return reply;
  }

  /**
   * Refunds a payment, or a part of it, inside the caller's transaction (the
   * intent row stays locked until it ends); the caller kicks the outbox
   * after commit.
   */
  async refundIn(tx: Tx, paymentId: string, reason: string, part?: RefundPart): Promise<RefundReply> {
    const intent = await lockPayment(tx, paymentId);
    if (!intent) return { ok: false, error: 'NOT_FOUND' };
    switch (intent.status) {
      case 'REFUNDED':
        return { ok: true, status: 'REFUNDED' };
      case 'FAILED':
        return { ok: true, status: 'NOT_CHARGED' };
      case 'PROCESSING':
        if (part) return { ok: false, error: 'NOT_SETTLED' };
        // Committed to: the settlement turns it into a refund as it settles.
        await requestRefund(tx, intent.id, reason);
        return { ok: true, status: 'REFUNDED' };
      case 'SUCCEEDED':
        return this.issue(tx, intent, reason, part);
      default:
        throw new UnreachableCaseError(intent.status);
    }
  }

  /**
   * Refunds the part (or all that is left) of a SUCCEEDED payment: its
   * refund row and RefundIssued, and REFUNDED once nothing is left. The
   * caller holds the row lock.
   */
  async issue(tx: Tx, intent: PaymentModel, reason: string, part?: RefundPart): Promise<RefundReply> {
    const key = part?.key ?? fullRefundKey;
    const before = await refundsOf(tx, intent.id);
    const left = intent.amount - before.total;
    const amount = before.keys.has(key) ? 0 : Math.min(part?.amount ?? left, left);
    if (amount > 0) {
      const refund = await insertRefund(tx, intent, reason, { key, amount });
      await this.outbox.record(tx, 'RefundIssued', {
        ...paymentFacts(intent),
        refundId: refund.id,
        refunded: { amount, currency: intent.currency },
      });
    }
    if (left - amount > 0) return { ok: true, status: 'PARTLY_REFUNDED' };
    await markRefunded(tx, intent.id);
    return { ok: true, status: 'REFUNDED' };
  }
}
