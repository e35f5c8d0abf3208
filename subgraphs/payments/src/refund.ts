import {
  onceInTransaction,
  UnreachableCaseError,
  type EventClaims,
  type Outbox,
  type RefundReply,
  type Tx,
} from '@seats/platform';
import { paymentFacts, type PaymentModel } from './models.js';
import type { PaymentsRepository } from './repository.js';

/**
 * Refunds payments, idempotently: a refunded payment stays refunded and is
 * refunded once; a PROCESSING one is refunded the moment it settles (the
 * settle worker does it); a failed one was never charged.
 */
export class RefundService {
  constructor(
    private readonly repo: PaymentsRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Refunds a payment in its own transaction. */
  async refund(paymentId: string, reason: string): Promise<RefundReply> {
    const reply = await this.repo.db.transaction((tx) => this.refundInTx(tx, paymentId, reason));
    this.outbox.kick();
    return reply;
  }

  /** Refunds a payment for an event, at most once per consumer and event id; null when it was handled before. */
  async refundOnce(
    claims: EventClaims,
    event: { id: string },
    paymentId: string,
    reason: string,
  ): Promise<RefundReply | null> {
    const reply = await onceInTransaction(this.repo.db, claims, event, (tx) => this.refundInTx(tx, paymentId, reason));
    this.outbox.kick();
    return reply ?? null;
  }

  /** Refunds a payment inside the caller's transaction (the intent row stays locked until it ends). */
  async refundInTx(tx: Tx, paymentId: string, reason: string): Promise<RefundReply> {
    const intent = await this.repo.lock(tx, paymentId);
    if (!intent) return { ok: false, error: 'NOT_FOUND' };
    switch (intent.status) {
      case 'REFUNDED':
        return { ok: true, status: 'REFUNDED' };
      case 'FAILED':
        return { ok: true, status: 'NOT_CHARGED' };
      case 'PROCESSING':
        // Committed to: the settle worker turns it into a refund as it settles.
        await this.repo.requestRefund(tx, intent.id, reason);
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
    const refund = await this.repo.markRefunded(tx, intent, reason);
    await this.outbox.record(tx, 'RefundIssued', { ...paymentFacts(intent), refundId: refund.id });
  }
}
