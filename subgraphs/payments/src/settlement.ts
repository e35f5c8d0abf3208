import { startPeriodic, type Db, type Logger, type Outbox, type PeriodicTask } from '@seats/platform';
import { claimDue, markSucceeded } from './db/payments.js';
import { paymentFacts } from './domain/payment.js';
import type { RefundService } from './refunds.js';

const batchSize = 100;
const settleEveryMs = 200;

/**
 * Settles asynchronous charges when they are due: PROCESSING → SUCCEEDED with
 * a PaymentSucceeded event, then straight on to REFUNDED when a refund was
 * asked for meanwhile. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of instances can run this without settling an intent twice.
 */
export class SettlementService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly refunds: RefundService,
    private readonly log: Logger,
  ) {}

  /** Settles due intents every `everyMs` until disposed. */
  startSettler(everyMs = settleEveryMs): PeriodicTask {
    return startPeriodic({ name: 'settling payments', everyMs, run: () => this.settleDue(), log: this.log });
  }

  /** Settles every due intent; returns how many it settled. */
  async settleDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const settled = await this.settleBatch();
      total += settled;
      if (settled < batchSize) break;
    }
    if (total > 0) this.outbox.kick();
    return total;
  }

  private settleBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const due = await claimDue(tx, batchSize);
      let settled = 0;
      for (const claimed of due) {
        const intent = await markSucceeded(tx, claimed.id);
        if (!intent) continue;
        settled++;
        await this.outbox.record(tx, 'PaymentSucceeded', paymentFacts(intent));
        if (intent.refundRequested) await this.refunds.issue(tx, intent, intent.refundReason ?? 'refund requested');
      }
      return settled;
    });
  }
}
