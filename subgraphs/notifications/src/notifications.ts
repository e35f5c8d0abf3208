import { isId, parseFirst, requireOwnerOrAdmin, type BusEvent, type Identity, type Tx } from '@seats/platform';
import { insertNotification } from './db/notifications.js';
import { findRecipient, upsertRecipient } from './db/recipients.js';
import type { Delivery } from './delivery.js';
import { composeMessage, type NotifyingEvent } from './domain/messages.js';
import type { Loaders } from './loaders.js';
import type { NotificationModel, RecipientModel } from './models.js';

/**
 * Notifications: one per user and event, composed from the event and the
 * recipient's name, mailed when a delivery (SMTP) is configured; readable by
 * their user and by admins.
 */
export class NotificationService {
  /** Reads go through the request's loaders, writes through the caller's transaction. */
  constructor(private readonly delivery: Delivery | null) {}

  /** A user's notifications, newest first: for that user and for admins only; read through the request's loaders. */
  async forUser(
    loaders: Loaders,
    caller: Identity | null,
    userId: string,
    first: number | null | undefined,
  ): Promise<NotificationModel[]> {
    requireOwnerOrAdmin(caller, userId);
    const limit = parseFirst(first);
    if (!isId(userId)) return [];
    return (await loaders.notificationsOfUser.load({ userId: userId.toLowerCase(), limit })) ?? [];
  }

  /** Records (or updates) where a user's mail goes, in the caller's transaction. */
  rememberRecipient(tx: Tx, recipient: RecipientModel): Promise<void> {
    return upsertRecipient(tx, recipient);
  }

  /**
   * Stores the event's notification in the caller's transaction; null when
   * it is stored already. With a delivery, its first attempt is leased to
   * the caller, who calls `sendSoon` after commit.
   */
  async store(tx: Tx, event: BusEvent<NotifyingEvent>): Promise<NotificationModel | null> {
    const recipient = await findRecipient(tx, event.payload.userId);
    const message = composeMessage(event, recipient?.name ?? null);
    return message ? insertNotification(tx, message, event.id, this.delivery?.options.leaseMs ?? 0) : null;
  }

  /** Mails a just-committed notification in the background, when mail is configured. */
  sendSoon(notification: NotificationModel): void {
    this.delivery?.sendSoon(notification.id);
  }
}
