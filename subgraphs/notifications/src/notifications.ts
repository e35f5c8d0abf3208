import { isId, parseFirst, requireOwnerOrAdmin, type BusEvent, type Db, type Identity, type Tx } from '@seats/platform';
import { insertNotification, listForUser } from './db/notifications.js';
import { findRecipient, upsertRecipient } from './db/recipients.js';
import type { Delivery } from './delivery.js';
import { composeMessage, type NotifyingEvent } from './domain/messages.js';
import type { NotificationModel, RecipientModel } from './models.js';

/**
 * Notifications: one per user and event, composed from the event and the
 * recipient's name, mailed when a delivery (SMTP) is configured; readable by
 * their user and by admins.
 */
export class NotificationService {
  constructor(
    private readonly db: Db,
    private readonly delivery: Delivery | null,
  ) {}

  /** A user's notifications, newest first: for that user and for admins only. */
  async forUser(
    caller: Identity | null,
    userId: string,
    first: number | null | undefined,
  ): Promise<NotificationModel[]> {
    requireOwnerOrAdmin(caller, userId);
    const limit = parseFirst(first);
    if (!isId(userId)) return [];
    return listForUser(this.db, userId.toLowerCase(), limit);
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
