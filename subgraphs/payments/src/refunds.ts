import { UnreachableCaseError, type Db, type Outbox, type RefundReply, type Tx } from '@seats/platform';
import { lockPayment, markRefunded, requestRefund } from './db/payments.js';
import { insertRefund } from './db/refunds.js';
import { paymentFacts } from './domain/payment.js';
import type { PaymentModel } from './models.js';

/**
 * Refunds payments, idempotently: a refunded payment stays refunded and is
 * refunded once; a PROCESSING one is refunded the moment it settles (see
 * SettlementService); a failed one was never charged.
 */
export class RefundService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  /** Refunds a payment in its own transaction. */
  async refund(paymentId: string, reason: string): Promise<RefundReply> {
    const reply = await this.db.transaction((tx) => this.refundIn(tx, paymentId, reason));
    this.outbox.kick();
    return reply;
  }

  /**
   * Refunds a payment inside the caller's transaction (the intent row stays
   * locked until it ends); the caller kicks the outbox after commit.
   */
  async refundIn(tx: Tx, paymentId: string, reason: string): Promise<RefundReply> {
    const intent = await lockPayment(tx, paymentId);
    if (!intent) return { ok: false, error: 'NOT_FOUND' };
    switch (intent.status) {
      case 'REFUNDED':
        return { ok: true, status: 'REFUNDED' };
      case 'FAILED':
        return { ok: true, status: 'NOT_CHARGED' };
      case 'PROCESSING':
        // Committed to: the settlement turns it into a refund as it settles.
        await requestRefund(tx, intent.id, reason);
        return { ok: true, status: 'REFUNDED' };
      case 'SUCCEEDED':
        await this.issue(tx, intent, reason);
        return { ok: true, status: 'REFUNDED' };
      default:
        throw new UnreachableCaseError(intent.status);
    }
  }

  /** SUCCEEDED → REFUNDED, its refund row and the RefundIssued event; the caller holds the row lock. */
  async issue(tx: Tx, intent: PaymentModel, reason: string): Promise<void> {
    await markRefunded(tx, intent.id);
    const refund = await insertRefund(tx, intent, reason);
    await this.outbox.record(tx, 'RefundIssued', { ...paymentFacts(intent), refundId: refund.id });
  }
}
