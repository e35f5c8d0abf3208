import { isId, ownsOrAdministers } from '@seats/platform';
import type { PaymentResolvers } from '../generated/resolvers.js';

/** A payment is visible to the user who paid and to admins; to anyone else it does not exist. */
export const resolveReference: NonNullable<PaymentResolvers['__resolveReference']> = async (ref, context) => {
  const { identity } = context;
  if (!identity || !isId(ref.id)) return null;
  const intent = await context.payments.findById(ref.id.toLowerCase());
  if (!intent) return null;
  return ownsOrAdministers(identity, intent.userId) ? intent : null;
};

export const amount: NonNullable<PaymentResolvers['amount']> = (payment) => ({
  amount: payment.amount,
  currency: payment.currency,
});
