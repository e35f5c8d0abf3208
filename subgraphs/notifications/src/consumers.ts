import { onceInTransaction, type BusEvent, type Db, type EventConsumer, type EventHandler } from '@seats/platform';
import { processedEvents } from './db/schema.js';
import type { NotifyingEvent } from './domain/messages.js';
import type { NotificationService } from './notifications.js';

/** The durable consumer that turns events into notifications; also its name in processed_events. */
export const notifierName = 'notifications-notifier';
const claims = { table: processedEvents, consumer: notifierName };

/**
 * Keeps the recipients projection and stores one notification per user and
 * event (a redelivered event changes nothing); with a mailer, mails it after
 * the transaction commits.
 */
export function notifierConsumer(db: Db, notifications: NotificationService): EventConsumer {
  const once = notifyOnce(db, notifications);
  const notify = async (event: BusEvent<NotifyingEvent>): Promise<void> => void (await once(event));
  // Every notifying event needs its handler here: a missing one is a type error.
  const notifying: { [K in NotifyingEvent]: EventHandler<K> } = {
    BookingConfirmed: notify,
    BookingCancelled: notify,
    BookingExpired: notify,
    WaitlistOffered: notify,
    PaymentFailed: notify,
    RefundIssued: notify,
  };
  return {
    durable: notifierName,
    handlers: {
      UserRegistered: ({ id, payload: { userId, email, name } }) =>
        onceInTransaction(db, claims, { id }, (tx) => notifications.rememberRecipient(tx, { userId, email, name })),
      ...notifying,
    },
  };
}

/**
 * Stores an event's notification once (a repeat of the event changes
 * nothing) and mails it after commit; true when this call stored it.
 * Reconciliation hands missed events to the same function.
 */
export function notifyOnce(db: Db, notifications: NotificationService) {
  return async (event: BusEvent<NotifyingEvent>): Promise<boolean> => {
    const stored = await onceInTransaction(db, claims, event, (tx) => notifications.store(tx, event));
    if (stored) notifications.sendSoon(stored);
    return stored !== undefined && stored !== null;
  };
}
