import { randomUUID } from 'node:crypto';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '@seats/platform';
import { paymentIntents, refunds } from './db/schema.js';
import type { PaymentModel, RefundModel } from './models.js';
import type { ProviderOutcome } from './provider.js';

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

/** All SQL of the payments subgraph. */
export class PaymentsRepository {
  constructor(readonly db: Db) {}

  async findById(id: string, tx: Tx = this.db): Promise<PaymentModel | undefined> {
    const [row] = await tx.select().from(paymentIntents).where(eq(paymentIntents.id, id));
    return row;
  }

  async findByKey(idempotencyKey: string, tx: Tx = this.db): Promise<PaymentModel | undefined> {
    const [row] = await tx.select().from(paymentIntents).where(eq(paymentIntents.idempotencyKey, idempotencyKey));
    return row;
  }

  /** Inserts the intent unless its key exists already (then undefined: a concurrent duplicate won). */
  async insertIntent(tx: Tx, intent: NewIntent): Promise<PaymentModel | undefined> {
    const { outcome, ...request } = intent;
    const [row] = await tx
      .insert(paymentIntents)
      .values({
        id: randomUUID(),
        ...request,
        status: outcome.status,
        failureReason: outcome.status === 'FAILED' ? outcome.reason : null,
        // The database clock decides when it is due, the same for every instance.
        settleAt:
          outcome.status === 'PROCESSING'
            ? sql`now() + ${outcome.settleAfterMs}::int * interval '1 millisecond'`
            : null,
      })
      .onConflictDoNothing({ target: paymentIntents.idempotencyKey })
      .returning();
    return row;
  }

  /** Reads an intent and locks it until the transaction ends. */
  async lock(tx: Tx, id: string): Promise<PaymentModel | undefined> {
    const [row] = await tx.select().from(paymentIntents).where(eq(paymentIntents.id, id)).for('update');
    return row;
  }

  /** Claims due PROCESSING intents; rows another instance is settling are skipped, not waited for. */
  async claimDue(tx: Tx, limit: number): Promise<PaymentModel[]> {
    return tx
      .select()
      .from(paymentIntents)
      .where(and(eq(paymentIntents.status, 'PROCESSING'), lte(paymentIntents.settleAt, sql`now()`)))
      .orderBy(asc(paymentIntents.settleAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** PROCESSING → SUCCEEDED; undefined when it was not PROCESSING any more. */
  async markSucceeded(tx: Tx, id: string): Promise<PaymentModel | undefined> {
    const [row] = await tx
      .update(paymentIntents)
      .set({ status: 'SUCCEEDED', settleAt: null, updatedAt: sql`now()` })
      .where(and(eq(paymentIntents.id, id), eq(paymentIntents.status, 'PROCESSING')))
      .returning();
    return row;
  }

  /** Remembers a refund asked for while the intent is PROCESSING. */
  async requestRefund(tx: Tx, id: string, reason: string): Promise<void> {
    await tx
      .update(paymentIntents)
      .set({ refundRequested: true, refundReason: reason, updatedAt: sql`now()` })
      .where(and(eq(paymentIntents.id, id), eq(paymentIntents.status, 'PROCESSING')));
  }

  /** SUCCEEDED → REFUNDED with its refund row; the caller holds the row lock. */
  async markRefunded(tx: Tx, intent: PaymentModel, reason: string): Promise<RefundModel> {
    await tx
      .update(paymentIntents)
      .set({ status: 'REFUNDED', updatedAt: sql`now()` })
      .where(and(eq(paymentIntents.id, intent.id), eq(paymentIntents.status, 'SUCCEEDED')));
    const [refund] = await tx
      .insert(refunds)
      .values({ id: randomUUID(), paymentId: intent.id, amount: intent.amount, currency: intent.currency, reason })
      .returning();
    if (!refund) throw new Error(`refund of payment ${intent.id} was not stored`);
    return refund;
  }
}
