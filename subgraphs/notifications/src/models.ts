import type { notifications, recipients } from './db/schema.js';

/** A stored notification; also what the `Notification` resolvers receive. */
export type NotificationModel = typeof notifications.$inferSelect;

/** A known mail address of a user. */
export type RecipientModel = typeof recipients.$inferSelect;

/** A user as this subgraph knows one: by id only. */
export interface UserRef {
  id: string;
}

/** What a notification says, before it is stored. */
export interface Message {
  userId: string;
  kind: string;
  subject: string;
  body: string;
}
