import { randomUUID } from 'node:crypto';
import type { Tx } from '@seats/platform';
import type { PaymentModel, RefundModel } from '../models.js';
import { refunds } from './schema.js';

/** Refunds: at most one, of the full amount, per payment (a unique payment id). */

export async function insertRefund(db: Tx, payment: PaymentModel, reason: string): Promise<RefundModel> {
  const [refund] = await db
    .insert(refunds)
    .values({ id: randomUUID(), paymentId: payment.id, amount: payment.amount, currency: payment.currency, reason })
    .returning();
  if (!refund) throw new Error(`refund of payment ${payment.id} was not stored`);
  return refund;
}
