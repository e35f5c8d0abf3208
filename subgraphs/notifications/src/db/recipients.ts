import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import type { RecipientModel } from '../models.js';
import { recipients } from './schema.js';

/** Where to mail each user: the projection of UserRegistered. */

/** Records (or updates) where a user's mail goes. */
export async function upsertRecipient(db: Tx, recipient: RecipientModel): Promise<void> {
  await db
    .insert(recipients)
    .values(recipient)
    .onConflictDoUpdate({
      target: recipients.userId,
      set: { email: recipient.email, name: recipient.name, updatedAt: sql`now()` },
    });
}

export async function findRecipient(db: Tx, userId: string): Promise<RecipientModel | null> {
  const [row] = await db
    .select({ userId: recipients.userId, email: recipients.email, name: recipients.name })
    .from(recipients)
    .where(eq(recipients.userId, userId));
  return row ?? null;
}
