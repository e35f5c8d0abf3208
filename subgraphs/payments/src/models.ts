import type { PaymentFacts } from '@seats/platform';
import type { paymentIntents, refunds } from './db/schema.js';

/** A stored payment intent; also what the `Payment` resolvers receive. */
export type PaymentModel = typeof paymentIntents.$inferSelect;

/** A stored refund. */
export type RefundModel = typeof refunds.$inferSelect;

/** The facts every payment event carries. */
export function paymentFacts(intent: PaymentModel): PaymentFacts {
  return {
    paymentId: intent.id,
    bookingId: intent.bookingId,
    userId: intent.userId,
    amount: { amount: intent.amount, currency: intent.currency },
  };
}
