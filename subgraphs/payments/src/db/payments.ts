import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import type { ProviderOutcome } from '../domain/provider.js';
import type { PaymentModel } from '../models.js';
import { paymentIntents } from './schema.js';

/** Payment intents: one per idempotency key, with the provider's outcome. Ids passed in are validated. */

/** What a new intent is made of: the request plus the provider's outcome. */
export interface NewIntent {
  idempotencyKey: string;
  requestHash: string;
  bookingId: string;
  userId: string;
  amount: number;
  currency: string;
  token: string;
  outcome: ProviderOutcome;
}

/** The payments with these ids, in no particular order; unknown ids are left out. */
export async function findPayments(db: Tx, ids: readonly string[]): Promise<PaymentModel[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(paymentIntents)
    .where(inArray(paymentIntents.id, [...ids]));
}

export async function findPaymentByKey(db: Tx, idempotencyKey: string): Promise<PaymentModel | null> {
  const [row] = await db.select().from(paymentIntents).where(eq(paymentIntents.idempotencyKey, idempotencyKey));
  return row ?? null;
}

/** Inserts the intent unless its key exists already (then null: a concurrent duplicate won). */
export async function insertIntent(db: Tx, intent: NewIntent): Promise<PaymentModel | null> {
  const { outcome, ...request } = intent;
  const [row] = await db
    .insert(paymentIntents)
    .values({
      id: randomUUID(),
      ...request,
      status: outcome.status,
      failureReason: outcome.status === 'FAILED' ? outcome.reason : null,
      // The database clock decides when it is due, the same for every instance.
      settleAt:
        outcome.status === 'PROCESSING' ? sql`now() + ${outcome.settleAfterMs}::int * interval '1 millisecond'` : null,
    })
    .onConflictDoNothing({ target: paymentIntents.idempotencyKey })
    .returning();
  return row ?? null;
}

/** Reads an intent and locks it until the transaction ends. */
export async function lockPayment(db: Tx, id: string): Promise<PaymentModel | null> {
  const [row] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, id)).for('update');
  return row ?? null;
}

/** Claims due PROCESSING intents; rows another instance is settling are skipped, not waited for. */
export function claimDue(db: Tx, limit: number): Promise<PaymentModel[]> {
  return db
    .select()
    .from(paymentIntents)
    .where(and(eq(paymentIntents.status, 'PROCESSING'), lte(paymentIntents.settleAt, sql`now()`)))
    .orderBy(asc(paymentIntents.settleAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** PROCESSING → SUCCEEDED; null when it was not PROCESSING any more. */
export async function markSucceeded(db: Tx, id: string): Promise<PaymentModel | null> {
  const [row] = await db
    .update(paymentIntents)
    .set({ status: 'SUCCEEDED', settleAt: null, updatedAt: sql`now()` })
    .where(and(eq(paymentIntents.id, id), eq(paymentIntents.status, 'PROCESSING')))
    .returning();
  return row ?? null;
}

/** Remembers a refund asked for while the intent is PROCESSING. */
export async function requestRefund(db: Tx, id: string, reason: string): Promise<void> {
  await db
    .update(paymentIntents)
    .set({ refundRequested: true, refundReason: reason, updatedAt: sql`now()` })
    .where(and(eq(paymentIntents.id, id), eq(paymentIntents.status, 'PROCESSING')));
}

/** SUCCEEDED → REFUNDED; the caller holds the row lock. */
export async function markRefunded(db: Tx, id: string): Promise<void> {
  await db
    .update(paymentIntents)
    .set({ status: 'REFUNDED', updatedAt: sql`now()` })
    .where(and(eq(paymentIntents.id, id), eq(paymentIntents.status, 'SUCCEEDED')));
}

/**
 * SUCCEEDED payments, succeeded more than `olderThanSeconds` ago, whose
 * booking reconciliation has not yet seen confirmed by them; oldest first.
 */
export async function listUnreconciled(
  db: Tx,
  olderThanSeconds: number,
  limit: number,
): Promise<Array<{ id: string; bookingId: string }>> {
  return db
    .select({ id: paymentIntents.id, bookingId: paymentIntents.bookingId })
    .from(paymentIntents)
    .where(
      and(
        eq(paymentIntents.status, 'SUCCEEDED'),
        isNull(paymentIntents.reconciledAt),
        lte(paymentIntents.updatedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      ),
    )
    .orderBy(asc(paymentIntents.updatedAt))
    .limit(limit);
}

/** Records that these payments' bookings are confirmed by them. */
export async function markReconciled(db: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(paymentIntents)
    .set({ reconciledAt: sql`now()` })
    .where(inArray(paymentIntents.id, [...ids]));
}
