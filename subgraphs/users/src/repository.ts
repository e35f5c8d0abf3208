import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db, Role, Tx } from '@seats/platform';
import { accounts, refreshTokens, type AccountRow, type RefreshTokenRow } from './db/schema.js';

export type NewAccount = Pick<AccountRow, 'id' | 'email' | 'name' | 'passwordHash' | 'role'>;
export type NewRefreshToken = Omit<RefreshTokenRow, 'usedAt' | 'revokedAt'>;

/** All SQL on `users.accounts`. Methods that take `tx` run inside the caller's transaction. */
export class AccountRepository {
  constructor(private readonly db: Db) {}

  async findById(id: string, tx: Tx = this.db): Promise<AccountRow | undefined> {
    const [row] = await tx.select().from(accounts).where(eq(accounts.id, id)).limit(1);
    return row;
  }

  /** Looks an account up by its normalised email. */
  async findByEmail(email: string, tx: Tx = this.db): Promise<AccountRow | undefined> {
    const [row] = await tx.select().from(accounts).where(eq(accounts.email, email)).limit(1);
    return row;
  }

  /**
   * Inserts an account unless its email is taken; undefined then. Relying on
   * the unique index (rather than a prior lookup) settles two concurrent
   * registrations of one address without an error.
   */
  async insert(tx: Tx, account: NewAccount): Promise<AccountRow | undefined> {
    const [row] = await tx.insert(accounts).values(account).onConflictDoNothing({ target: accounts.email }).returning();
    return row;
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.update(accounts).set({ passwordHash }).where(eq(accounts.id, id));
  }

  /** Sets the role of the account with this email; undefined when there is none. */
  async setRoleByEmail(tx: Tx, email: string, role: Role): Promise<AccountRow | undefined> {
    const [row] = await tx.update(accounts).set({ role }).where(eq(accounts.email, email)).returning();
    return row;
  }
}

/** All SQL on `users.refresh_tokens`. */
export class RefreshTokenRepository {
  constructor(private readonly db: Db) {}

  async insert(tx: Tx, token: NewRefreshToken): Promise<void> {
    await tx.insert(refreshTokens).values(token);
  }

  /**
   * Finds a token by hash and locks its row until the transaction ends, so
   * two concurrent refreshes of one token run one after the other and the
   * second sees the first one's `used_at`.
   */
  async lockByHash(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .limit(1)
      .for('update');
    return row;
  }

  async markUsed(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.update(refreshTokens).set({ usedAt: at }).where(eq(refreshTokens.id, id));
  }

  /** Revokes every token of a family not revoked yet; returns how many were. */
  async revokeFamily(tx: Tx, familyId: string, at: Date): Promise<number> {
    const rows = await tx
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return rows.length;
  }

  /**
   * Deletes tokens whose family passed its absolute lifetime: nothing can
   * refresh them any more, so they are no longer needed to detect reuse.
   */
  async deleteExpired(before: Date): Promise<number> {
    const rows = await this.db
      .delete(refreshTokens)
      .where(lt(refreshTokens.expiresAt, before))
      .returning({ id: refreshTokens.id });
    return rows.length;
  }
}
