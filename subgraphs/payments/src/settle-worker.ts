import { startPeriodic, type Logger, type Outbox, type PeriodicTask } from '@seats/platform';
import { paymentFacts } from './models.js';
import type { RefundService } from './refund.js';
import type { PaymentsRepository } from './repository.js';

const batchSize = 100;

/**
 * Settles asynchronous charges when they are due: PROCESSING → SUCCEEDED with
 * a PaymentSucceeded event, then straight on to REFUNDED when a refund was
 * asked for meanwhile. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of instances can run this without settling an intent twice.
 */
export class SettleWorker {
  private task: PeriodicTask | undefined;

  constructor(
    private readonly repo: PaymentsRepository,
    private readonly refunds: RefundService,
    private readonly outbox: Outbox,
    private readonly log: Logger,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.task = startPeriodic({
      name: 'settling payments',
      everyMs: this.intervalMs,
      run: () => this.settleDue(),
      log: this.log,
    });
  }

  async dispose(): Promise<void> {
    await this.task?.dispose();
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

  private async settleBatch(): Promise<number> {
    return this.repo.db.transaction(async (tx) => {
      const due = await this.repo.claimDue(tx, batchSize);
      let settled = 0;
      for (const claimed of due) {
        const intent = await this.repo.markSucceeded(tx, claimed.id);
        if (!intent) continue;
        settled++;
        await this.outbox.record(tx, 'PaymentSucceeded', paymentFacts(intent));
        if (intent.refundRequested) await this.refunds.issue(tx, intent, intent.refundReason ?? 'refund requested');
      }
      return settled;
    });
  }
}
