import type { PaymentResolvers } from '../generated/resolvers.js';

/** A payment is visible to the user who paid and to admins; to anyone else it does not exist. */
export const resolveReference: NonNullable<PaymentResolvers['__resolveReference']> = (ref, ctx) =>
  ctx.payments.payment(ctx.loaders, ctx.identity, ref.id);

export const refunded: NonNullable<PaymentResolvers['refunded']> = async (payment, _, ctx) => ({
  amount: (await ctx.loaders.refunded.load(payment.id)) ?? 0,
  currency: payment.currency,
});

export const amount: NonNullable<PaymentResolvers['amount']> = (payment) => ({
  amount: payment.amount,
  currency: payment.currency,
});
