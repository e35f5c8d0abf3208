import type { ChargeReply, ChargeRequest, PaymentFacts } from '@seats/platform';
import type { PaymentModel } from '../models.js';

/** The facts every payment event carries. */
export function paymentFacts(intent: PaymentModel): PaymentFacts {
  return {
    paymentId: intent.id,
    bookingId: intent.bookingId,
    userId: intent.userId,
    amount: { amount: intent.amount, currency: intent.currency },
  };
}

/**
 * The answer to a charge request under a key seen before: the stored
 * intent's current state for the same request, a conflict for another one.
 */
export function replayCharge(intent: PaymentModel, request: ChargeRequest): ChargeReply {
  if (intent.requestHash !== request.requestHash) return { ok: false, error: 'IDEMPOTENCY_CONFLICT' };
  return chargeReply(intent);
}

/** A refunded intent was charged: the charge's own outcome is SUCCEEDED. */
export function chargeReply(intent: PaymentModel): ChargeReply {
  const status = intent.status === 'REFUNDED' ? 'SUCCEEDED' : intent.status;
  return { ok: true, paymentId: intent.id, status, reason: intent.failureReason };
}
