import { startPeriodic, type Db, type Logger, type PeriodicTask } from '@seats/platform';
import { claimDue, findOutgoing, markFailed, markSent } from './db/deliveries.js';
import type { Mailer } from './mailer.js';

export interface DeliveryOptions {
  /** How often the sender looks for unsent notifications. */
  intervalMs: number;
  /** The first retry's delay; later ones double. */
  retryBaseMs: number;
  /** How long an attempt may take before another instance may try again. */
  leaseMs: number;
}

export const defaultDeliveryOptions: DeliveryOptions = { intervalMs: 3000, retryBaseMs: 5000, leaseMs: 60_000 };

const batchSize = 50;
const disposeWaitMs = 5000;

/**
 * Mails stored notifications. A new notification is sent right after its
 * transaction commits; the sender retries whatever is left unsent (SMTP
 * down, process stopped mid-way), claiming rows with FOR UPDATE SKIP LOCKED
 * and a lease so that instances do not mail the same row at once.
 */
export class Delivery {
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly mailer: Mailer,
    private readonly log: Logger,
    readonly options: DeliveryOptions = defaultDeliveryOptions,
  ) {}

  /** Sends what is due every `intervalMs` until disposed. */
  startSender(): PeriodicTask {
    const everyMs = this.options.intervalMs;
    return startPeriodic({ name: 'sending notifications', everyMs, run: () => this.sendDue(), log: this.log });
  }

  /** Sends a just-committed notification in the background. */
  sendSoon(id: string): void {
    const sending = this.send(id).finally(() => this.inflight.delete(sending));
    this.inflight.add(sending);
  }

  /** Sends every due unsent notification once; returns how many it tried. */
  async sendDue(): Promise<number> {
    const ids = await this.db.transaction((tx) => claimDue(tx, batchSize, this.options.leaseMs));
    for (const id of ids) await this.send(id);
    return ids.length;
  }

  /** Waits a while for mails under way, then closes the mailer; dispose the sender first. */
  async dispose(): Promise<void> {
    // A hanging SMTP server must not hold shutdown; an unfinished mail stays unsent and is retried.
    await Promise.race([Promise.allSettled([...this.inflight]), delay(disposeWaitMs)]);
    this.mailer.close();
  }

  private async send(id: string): Promise<void> {
    const { retryBaseMs } = this.options;
    try {
      const mail = await findOutgoing(this.db, id);
      if (!mail) return;
      // The address arrives with UserRegistered; until then there is no one to mail.
      if (!mail.email) return await markFailed(this.db, id, 'recipient unknown', retryBaseMs);
      await this.mailer.send({ to: mail.email, subject: mail.subject, text: mail.body });
      await markSent(this.db, id);
    } catch (err) {
      this.log.warn({ err, notificationId: id }, 'mail not sent; will retry');
      await markFailed(this.db, id, errorText(err), retryBaseMs).catch(() => {});
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
