import { eq, inArray } from 'drizzle-orm';
import type { Role, Tx } from '@seats/platform';
import type { UserModel } from '../models.js';
import { accounts } from './schema.js';

/** Accounts, looked up by id or by their normalised email. */

/** An account as stored, with its password hash: never leaves the services. */
export type Account = typeof accounts.$inferSelect;
export type NewAccount = Pick<Account, 'id' | 'email' | 'name' | 'passwordHash' | 'role'>;

export async function findAccount(db: Tx, id: string): Promise<Account | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ?? null;
}

/** The users with these ids as the API shows them (no password hash), in no particular order; unknown ids are left out. */
export async function findUsers(db: Tx, ids: readonly string[]): Promise<UserModel[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: accounts.id,
      email: accounts.email,
      name: accounts.name,
      role: accounts.role,
      createdAt: accounts.createdAt,
    })
    .from(accounts)
    .where(inArray(accounts.id, [...ids]));
}

/** The account with this normalised email. */
export async function findAccountByEmail(db: Tx, email: string): Promise<Account | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.email, email)).limit(1);
  return row ?? null;
}

/**
 * Inserts an account unless its email is taken; null then. Relying on the
 * unique index (rather than a prior lookup) settles two concurrent
 * registrations of one address without an error.
 */
export async function insertAccount(db: Tx, account: NewAccount): Promise<Account | null> {
  const [row] = await db.insert(accounts).values(account).onConflictDoNothing({ target: accounts.email }).returning();
  return row ?? null;
}

export async function updatePasswordHash(db: Tx, id: string, passwordHash: string): Promise<void> {
  await db.update(accounts).set({ passwordHash }).where(eq(accounts.id, id));
}

/** Sets the role of the account with this email; null when there is none. */
export async function setRoleByEmail(db: Tx, email: string, role: Role): Promise<Account | null> {
  const [row] = await db.update(accounts).set({ role }).where(eq(accounts.email, email)).returning();
  return row ?? null;
}
