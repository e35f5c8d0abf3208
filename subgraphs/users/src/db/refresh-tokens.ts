import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import { refreshTokens } from './schema.js';

/** Refresh tokens by the hash of their value, and their families. */

export type RefreshToken = typeof refreshTokens.$inferSelect;
export type NewRefreshToken = Omit<RefreshToken, 'usedAt' | 'revokedAt'>;

export async function insertRefreshToken(db: Tx, token: NewRefreshToken): Promise<void> {
  await db.insert(refreshTokens).values(token);
}

/**
 * Finds a token by hash and locks its row until the transaction ends, so
 * two concurrent refreshes of one token run one after the other and the
 * second sees the first one's `used_at`.
 */
export async function lockRefreshToken(db: Tx, tokenHash: string): Promise<RefreshToken | null> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function markUsed(db: Tx, id: string, at: Date): Promise<void> {
  await db.update(refreshTokens).set({ usedAt: at }).where(eq(refreshTokens.id, id));
}

/** Revokes every token of a family not revoked yet; returns how many were. */
export async function revokeFamily(db: Tx, familyId: string, at: Date): Promise<number> {
  const rows = await db
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
export async function deleteExpired(db: Tx, before: Date): Promise<number> {
  const rows = await db
    .delete(refreshTokens)
    .where(lt(refreshTokens.expiresAt, before))
    .returning({ id: refreshTokens.id });
  return rows.length;
}
