/** What the services and resolvers hand around. */

/** A stored notification; also what the `Notification` resolvers receive. */
export interface NotificationModel {
  id: string;
  userId: string;
  /** The event it tells of: one notification per user and event. */
  eventId: string;
  kind: string;
  subject: string;
  body: string;
  sentAt: Date | null;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
}

/** Where a user's mail goes, as UserRegistered told it. */
export interface RecipientModel {
  userId: string;
  email: string;
  name: string;
}

/** A user as this subgraph knows one: by id only. */
export interface UserRef {
  id: string;
}
