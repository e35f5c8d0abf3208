import {
  claimEvent,
  isId,
  type BusEvent,
  type Disposable,
  type EventBus,
  type EventPayloads,
  type EventType,
} from '@seats/platform';
import type { Delivery } from './delivery.js';
import { composeMessage, notifyingEvents } from './messages.js';
import type { NotificationModel } from './models.js';
import type { NotificationsRepository } from './repository.js';

/** The durable consumer that turns events into notifications. */
export const notifierConsumer = 'notifications-notifier';

const consumedEvents: EventType[] = ['UserRegistered', ...notifyingEvents];

/**
 * Keeps the recipients projection and stores one notification per user and
 * event (a redelivered event changes nothing); with a mailer, mails it after
 * the transaction commits.
 */
export class Notifier {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly delivery: Delivery | null,
  ) {}

  /** Subscribes to the events that concern users. */
  consume(bus: EventBus): Promise<Disposable> {
    return bus.consume({ durable: notifierConsumer, types: consumedEvents, handler: (event) => this.handle(event) });
  }

  /** Handles one event, idempotently. */
  async handle(event: BusEvent): Promise<void> {
    const userId = (event.payload as { userId?: unknown }).userId;
    // An event naming no valid user can never be stored; retrying it forever would help no one.
    if (typeof userId !== 'string' || !isId(userId)) return;
    const created = await this.repo.db.transaction(async (tx): Promise<NotificationModel | undefined> => {
      if (!(await claimEvent(tx, 'notifications', notifierConsumer, event.id))) return undefined;
      if (event.type === 'UserRegistered') {
        const { email, name } = event.payload as EventPayloads['UserRegistered'];
        await this.repo.upsertRecipient(tx, { userId, email, name });
        return undefined;
      }
      const recipient = await this.repo.findRecipient(tx, userId);
      const message = composeMessage(event, recipient?.name ?? null);
      if (!message) return undefined;
      return this.repo.insert(tx, message, event.id, this.delivery?.options.leaseMs ?? 0);
    });
    if (created) this.delivery?.sendSoon(created.id);
  }
}
