import {
  isId,
  notChargedReason,
  ownsOrAdministers,
  type ChargeReply,
  type ChargeRequest,
  type Db,
  type Identity,
  type Outbox,
} from '@seats/platform';
import { findPaymentByKey, insertIntent, type NewIntent } from './db/payments.js';
import { chargeReply, paymentFacts, replayCharge } from './domain/payment.js';
import { authorize, type ProviderOutcome } from './domain/provider.js';
import type { Loaders } from './loaders.js';
import type { PaymentModel } from './models.js';

/**
 * Payments: charging bookings through the sandbox provider, once per
 * idempotency key (the same key with the same request answers with the
 * stored intent's current state, also for concurrent duplicates; with
 * another request it is a conflict), and reading them back.
 */
export class PaymentService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
  ) {}

  /**
   * A payment is visible to the user who paid and to admins; to anyone else
   * it does not exist. Read through the request's loaders, then decided here.
   */
  async payment(loaders: Loaders, caller: Identity | null, id: string): Promise<PaymentModel | null> {
    if (!caller || !isId(id)) return null;
    const intent = await loaders.payment.load(id.toLowerCase());
    return intent && ownsOrAdministers(caller, intent.userId) ? intent : null;
  }

  /** Charges a booking, or replays the answer for a key seen before. */
  async charge(request: ChargeRequest): Promise<ChargeReply> {
    const known = await findPaymentByKey(this.db, request.idempotencyKey);
    if (known) return replayCharge(known, request);
    const outcome = authorize(request.token);
    if (!outcome) return { ok: false, error: 'INVALID_TOKEN' };
    const created = await this.db.transaction(async (tx) => {
      const intent = await insertIntent(tx, newIntent(request, outcome));
      if (intent?.status === 'SUCCEEDED') await this.outbox.record(tx, 'PaymentSucceeded', paymentFacts(intent));
      if (intent?.status === 'FAILED') {
        await this.outbox.record(tx, 'PaymentFailed', { ...paymentFacts(intent), reason: intent.failureReason ?? '' });
      }
      return intent;
    });
    if (created) {
      this.outbox.kick();
      return chargeReply(created);
    }
    return this.replayWinner(request);
  }

  /**
   * The outcome of the charge under a key, asked by a checkout that never
   * heard back: the stored intent's state for the same request; when no
   * charge was made under the key, a FAILED intent (`not_charged`) takes its
   * place, so that the charge request, should it still arrive, is answered
   * FAILED and charges nothing. No event: nothing happened at the provider.
   */
  async settleCharge(request: ChargeRequest): Promise<ChargeReply> {
    const known = await findPaymentByKey(this.db, request.idempotencyKey);
    if (known) return replayCharge(known, request);
    const voided = await insertIntent(this.db, newIntent(request, { status: 'FAILED', reason: notChargedReason }));
    return voided ? chargeReply(voided) : this.replayWinner(request);
  }

  /** Another request with this key committed between our read and our insert: its answer. */
  private async replayWinner(request: ChargeRequest): Promise<ChargeReply> {
    const winner = await findPaymentByKey(this.db, request.idempotencyKey);
    if (!winner) throw new Error('idempotency key vanished after a conflicting insert');
    return replayCharge(winner, request);
  }
}

/** The intent a charge request makes, with the provider's outcome. */
function newIntent(request: ChargeRequest, outcome: ProviderOutcome): NewIntent {
  const { idempotencyKey, requestHash, bookingId, userId, amount, token } = request;
  return {
    idempotencyKey,
    requestHash,
    bookingId,
    userId,
    amount: amount.amount,
    currency: amount.currency,
    token,
    outcome,
  };
}
