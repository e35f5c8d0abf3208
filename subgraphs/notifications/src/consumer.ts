import { onceInTransaction, type BusEvent, type EventConsumer, type EventHandlers } from '@seats/platform';
import { processedEvents } from './db/schema.js';
import type { Delivery } from './delivery.js';
import { composeMessage, notifyingEvents, type NotifyingEvent } from './messages.js';
import type { NotificationsRepository } from './repository.js';

/** The durable consumer that turns events into notifications; also its name in processed_events. */
export const notifierName = 'notifications-notifier';

/**
 * Keeps the recipients projection and stores one notification per user and
 * event (a redelivered event changes nothing); with a mailer, mails it after
 * the transaction commits.
 */
export function notifier(repo: NotificationsRepository, delivery: Delivery | null): EventConsumer {
  const claims = { table: processedEvents, consumer: notifierName };
  const notify = async (event: BusEvent<NotifyingEvent>): Promise<void> => {
    const created = await onceInTransaction(repo.db, claims, event, async (tx) => {
      const recipient = await repo.findRecipient(tx, event.payload.userId);
      const message = composeMessage(event, recipient?.name ?? null);
      return message ? repo.insert(tx, message, event.id, delivery?.options.leaseMs ?? 0) : undefined;
    });
    if (created) delivery?.sendSoon(created.id);
  };
  const handlers: EventHandlers = {
    UserRegistered: ({ id, payload: { userId, email, name } }) =>
      onceInTransaction(repo.db, claims, { id }, (tx) => repo.upsertRecipient(tx, { userId, email, name })),
  };
  for (const type of notifyingEvents) handlers[type] = notify;
  return { durable: notifierName, handlers };
}
