import {
  outboxEventsLimit,
  outboxEventsSubject,
  parseEvent,
  requestIfAnswered,
  startPeriodic,
  type BusEvent,
  type Db,
  type EventBus,
  type Logger,
  type OutboxEventsReply,
  type PeriodicTask,
  type SubgraphMetrics,
} from '@seats/platform';
import { notifierName } from './consumers.js';
import { handledEvents, readPosition, savePosition } from './db/reconciliation.js';

const everyMs = 10_000;
const askTimeoutMs = 10_000;
/** Batches per pass, so a first pass over a long history does not hold the task for long. */
const batchesPerPass = 10;
/** The position of the BookingConfirmed check in reconciliation_positions. */
const confirmationsCheck = 'bookings:BookingConfirmed';

/**
 * Makes sure every confirmed booking gets its notification, whatever
 * happened to its BookingConfirmed on the way (a stream that lost its
 * data, a consumer that dropped it). Every few seconds it reads bookings'
 * settled BookingConfirmed events after the position it checked up to
 * (outboxEventsSubject), and any this consumer never handled is handled
 * now, as the consumer would have.
 */
export class NotificationReconciler {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly notify: (event: BusEvent<'BookingConfirmed'>) => Promise<boolean>,
    private readonly metrics: SubgraphMetrics,
    private readonly log: Logger,
  ) {}

  start(): PeriodicTask {
    return startPeriodic({ name: 'notification reconciliation', everyMs, run: () => this.reconcile(), log: this.log });
  }

  /** One pass; returns how many notifications it made up for. */
  async reconcile(): Promise<number> {
    let position = await readPosition(this.db, confirmationsCheck);
    let repaired = 0;
    for (let batch = 0; batch < batchesPerPass; batch++) {
      const events = await this.confirmationsAfter(position);
      if (!events || events.length === 0) break;
      const handled = await handledEvents(
        this.db,
        notifierName,
        events.map(({ event }) => event.id),
      );
      for (const { event } of events) {
        if (handled.has(event.id)) continue;
        const read = parseEvent(event);
        if (read.action !== 'deliver' || read.event.type !== 'BookingConfirmed') {
          this.log.error({ eventId: event.id }, 'bookings sent a malformed BookingConfirmed to reconciliation');
          continue;
        }
        if (await this.notify(read.event)) repaired++;
      }
      position = events.at(-1)!.seq;
      await savePosition(this.db, confirmationsCheck, position);
      if (events.length < outboxEventsLimit) break;
    }
    if (repaired > 0) this.log.warn({ repaired }, 'made up for confirmations whose notification was missing');
    this.metrics.countRepairs('notification_sent', repaired);
    return repaired;
  }

  private async confirmationsAfter(afterSeq: number) {
    const reply = await requestIfAnswered<OutboxEventsReply>(
      this.bus,
      outboxEventsSubject('bookings'),
      { types: ['BookingConfirmed'], afterSeq, limit: outboxEventsLimit },
      askTimeoutMs,
    );
    if (!reply) return null;
    if (!reply.ok) {
      this.log.error({ error: reply.error }, 'bookings refused a reconciliation request');
      return null;
    }
    return reply.events;
  }
}
