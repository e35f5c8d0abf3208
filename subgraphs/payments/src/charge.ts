import type { ChargeReply, ChargeRequest, Outbox } from '@seats/platform';
import { paymentFacts, type PaymentModel } from './models.js';
import { authorize } from './provider.js';
import type { PaymentsRepository } from './repository.js';

/**
 * Charges bookings through the sandbox provider, once per idempotency key:
 * the same key with the same request answers with the stored intent's current
 * state (also for concurrent duplicates); with another request it is a conflict.
 */
export class ChargeService {
  constructor(
    private readonly repo: PaymentsRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Charges a booking, or replays the answer for a key seen before. */
  async charge(request: ChargeRequest): Promise<ChargeReply> {
    const known = await this.repo.findByKey(request.idempotencyKey);
    if (known) return replay(known, request);
    const outcome = authorize(request.token);
    if (!outcome) return { ok: false, error: 'INVALID_TOKEN' };
    const created = await this.repo.db.transaction(async (tx) => {
      const intent = await this.repo.insertIntent(tx, {
        idempotencyKey: request.idempotencyKey,
        requestHash: request.requestHash,
        bookingId: request.bookingId,
        userId: request.userId,
        amount: request.amount.amount,
        currency: request.amount.currency,
        token: request.token,
        outcome,
      });
      if (intent?.status === 'SUCCEEDED') await this.outbox.record(tx, 'PaymentSucceeded', paymentFacts(intent));
      if (intent?.status === 'FAILED') {
        await this.outbox.record(tx, 'PaymentFailed', { ...paymentFacts(intent), reason: intent.failureReason ?? '' });
      }
      return intent;
    });
    if (created) {
      this.outbox.kick();
      return toReply(created);
    }
    // Another request with this key committed between our read and our insert.
    const winner = await this.repo.findByKey(request.idempotencyKey);
    if (!winner) throw new Error('idempotency key vanished after a conflicting insert');
    return replay(winner, request);
  }
}

function replay(intent: PaymentModel, request: ChargeRequest): ChargeReply {
  if (intent.requestHash !== request.requestHash) return { ok: false, error: 'IDEMPOTENCY_CONFLICT' };
  return toReply(intent);
}

/** A refunded intent was charged: the charge's own outcome is SUCCEEDED. */
function toReply(intent: PaymentModel): ChargeReply {
  const status = intent.status === 'REFUNDED' ? 'SUCCEEDED' : intent.status;
  return { ok: true, paymentId: intent.id, status, reason: intent.failureReason };
}
