import { randomUUID } from 'node:crypto';
import { UnauthenticatedError, type AccessTokenIssuer, type Db, type Logger, type Tx } from '@seats/platform';
import { toUserModel } from './accounts.js';
import type { RefreshTokenRow } from './db/schema.js';
import type { AuthPayloadModel, UserModel } from './models.js';
import { hashRefreshToken, isWellFormedRefreshToken, mintRefreshToken } from './refresh-token.js';
import type { AccountRepository, RefreshTokenRepository } from './repository.js';

export interface SessionServiceDeps {
  db: Db;
  accounts: AccountRepository;
  tokens: RefreshTokenRepository;
  issuer: Pick<AccessTokenIssuer, 'issue'>;
  log: Logger;
  /** A refresh token dies when unused for this long. */
  idleSeconds: number;
  /** A family (a sign-in and all its refreshes) dies this long after the sign-in. */
  absoluteSeconds: number;
  /** The clock; tests move it forward. */
  now?: () => Date;
}

/** What one attempt to rotate a refresh token came to, decided inside the transaction. */
type Rotation =
  | { outcome: 'rotated'; payload: AuthPayloadModel }
  | { outcome: 'unknown' | 'expired' | 'revoked' }
  | { outcome: 'reused'; userId: string; familyId: string };

const invalidRefreshToken = () => new UnauthenticatedError('The refresh token is invalid or expired');

/**
 * Sign-in sessions: a short-lived access token plus an opaque, single-use
 * refresh token. Each refresh consumes its token and issues the next one of
 * the same family; presenting a consumed token again means it leaked, so the
 * whole family is revoked and the rightful holder signs in again.
 */
export class SessionService {
  private readonly now: () => Date;

  constructor(private readonly deps: SessionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts a new family for a user who just proved who they are. */
  async start(user: UserModel): Promise<AuthPayloadModel> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.deps.absoluteSeconds * 1000);
    return this.deps.db.transaction(async (tx) => {
      const refreshToken = await this.insertToken(tx, user.id, randomUUID(), expiresAt, now);
      return { accessToken: await this.accessTokenFor(user), refreshToken, user };
    });
  }

  /**
   * Trades a refresh token for a new pair.
   *
   * @throws UnauthenticatedError for an unknown, expired, used or revoked token;
   *   a used or revoked one also revokes its whole family.
   */
  async refresh(refreshToken: string): Promise<AuthPayloadModel> {
    if (!isWellFormedRefreshToken(refreshToken)) throw invalidRefreshToken();
    const hash = hashRefreshToken(refreshToken);
    // The family's revocation must commit, so the error is thrown after the transaction.
    const rotation = await this.deps.db.transaction((tx) => this.rotate(tx, hash));
    if (rotation.outcome === 'rotated') return rotation.payload;
    if (rotation.outcome === 'reused') {
      this.deps.log.warn(
        { userId: rotation.userId, familyId: rotation.familyId },
        'refresh token presented again; its family is revoked',
      );
    }
    throw invalidRefreshToken();
  }

  /** Revokes the token's family; true when the token was still usable. Unknown tokens are not an error. */
  async logout(refreshToken: string): Promise<boolean> {
    if (!isWellFormedRefreshToken(refreshToken)) return false;
    const hash = hashRefreshToken(refreshToken);
    return this.deps.db.transaction(async (tx) => {
      const row = await this.deps.tokens.lockByHash(tx, hash);
      if (!row) return false;
      const now = this.now();
      await this.deps.tokens.revokeFamily(tx, row.familyId, now);
      return isUsable(row, now);
    });
  }

  /** Deletes tokens of families past their absolute lifetime; returns how many. */
  pruneExpired(): Promise<number> {
    return this.deps.tokens.deleteExpired(this.now());
  }

  private async rotate(tx: Tx, hash: string): Promise<Rotation> {
    const row = await this.deps.tokens.lockByHash(tx, hash);
    if (!row) return { outcome: 'unknown' };
    const now = this.now();
    if (row.usedAt || row.revokedAt) {
      const revoked = await this.deps.tokens.revokeFamily(tx, row.familyId, now);
      // Only the first replay of a used token is news; a logged-out family was revoked already.
      if (row.usedAt && revoked > 0) return { outcome: 'reused', userId: row.userId, familyId: row.familyId };
      return { outcome: 'revoked' };
    }
    if (!isUsable(row, now)) return { outcome: 'expired' };
    // Read the account afresh so a role change shows in the next access token.
    const account = await this.deps.accounts.findById(row.userId, tx);
    if (!account) return { outcome: 'unknown' };
    await this.deps.tokens.markUsed(tx, row.id, now);
    const user = toUserModel(account);
    const refreshToken = await this.insertToken(tx, user.id, row.familyId, row.expiresAt, now);
    return { outcome: 'rotated', payload: { accessToken: await this.accessTokenFor(user), refreshToken, user } };
  }

  /** Stores the hash of a new token of a family and returns the token itself. */
  private async insertToken(tx: Tx, userId: string, familyId: string, expiresAt: Date, now: Date): Promise<string> {
    const { token, hash } = mintRefreshToken();
    const idleEnd = now.getTime() + this.deps.idleSeconds * 1000;
    await this.deps.tokens.insert(tx, {
      id: randomUUID(),
      familyId,
      userId,
      tokenHash: hash,
      createdAt: now,
      expiresAt,
      idleExpiresAt: new Date(Math.min(idleEnd, expiresAt.getTime())),
    });
    return token;
  }

  private accessTokenFor(user: UserModel): Promise<string> {
    return this.deps.issuer.issue({ userId: user.id, role: user.role });
  }
}

/** Not consumed, not revoked, and within both its idle and its absolute lifetime. */
function isUsable(row: RefreshTokenRow, now: Date): boolean {
  const t = now.getTime();
  return !row.usedAt && !row.revokedAt && row.idleExpiresAt.getTime() > t && row.expiresAt.getTime() > t;
}
