import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import type { PaymentModel, RefundModel } from '../models.js';
import { refunds } from './schema.js';

/** Refunds: the rest of a payment (key `full`) or parts of it, each key once per payment. */

/** The key of the refund of whatever is left of a payment. */
export const fullRefundKey = 'full';

export async function insertRefund(
  db: Tx,
  payment: PaymentModel,
  reason: string,
  part: { key: string; amount: number },
): Promise<RefundModel> {
  const [refund] = await db
    .insert(refunds)
    .values({
      id: randomUUID(),
      paymentId: payment.id,
      key: part.key,
      amount: part.amount,
      currency: payment.currency,
      reason,
    })
    .returning();
  if (!refund) throw new Error(`refund of payment ${payment.id} was not stored`);
  return refund;
}

/** What a payment's refunds add up to, and their keys. */
export async function refundsOf(db: Tx, paymentId: string): Promise<{ total: number; keys: Set<string> }> {
  const rows = await db
    .select({ key: refunds.key, amount: refunds.amount })
    .from(refunds)
    .where(eq(refunds.paymentId, paymentId));
  return { total: rows.reduce((n, r) => n + r.amount, 0), keys: new Set(rows.map((r) => r.key)) };
}

/** How much of each payment was refunded, in one statement (0 when none). */
export async function refundedOfMany(db: Tx, paymentIds: readonly string[]): Promise<Map<string, number>> {
  if (paymentIds.length === 0) return new Map();
  const rows = await db
    .select({ paymentId: refunds.paymentId, total: sql<number>`sum(${refunds.amount})::int` })
    .from(refunds)
    .where(inArray(refunds.paymentId, [...paymentIds]))
    .groupBy(refunds.paymentId);
  return new Map(rows.map((r) => [r.paymentId, Number(r.total)]));
}
