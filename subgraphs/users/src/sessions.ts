import { randomUUID } from 'node:crypto';
import {
  startPeriodic,
  UnauthenticatedError,
  type AccessTokenIssuer,
  type Db,
  type Logger,
  type PeriodicTask,
  type Tx,
} from '@seats/platform';
import { toUserModel, type AccountService, type Credentials, type RegisterInput } from './accounts.js';
import { findAccount } from './db/accounts.js';
import { deleteExpired, insertRefreshToken, lockRefreshToken, markUsed, revokeFamily } from './db/refresh-tokens.js';
import {
  hashRefreshToken,
  idleExpiry,
  isUsable,
  isWellFormedRefreshToken,
  mintRefreshToken,
} from './domain/refresh-token.js';
import type { AuthPayloadModel, UserModel } from './models.js';

/** How long sessions live. */
export interface SessionLifetimes {
  /** A refresh token dies when unused for this long. */
  idleSeconds: number;
  /** A family (a sign-in and all its refreshes) dies this long after the sign-in. */
  absoluteSeconds: number;
}

/** What one attempt to rotate a refresh token came to, decided inside the transaction. */
type Rotation =
  | { outcome: 'rotated'; payload: AuthPayloadModel }
  | { outcome: 'unknown' | 'expired' | 'revoked' }
  | { outcome: 'reused'; userId: string; familyId: string };

const invalidRefreshToken = () => new UnauthenticatedError('The refresh token is invalid or expired');

const pruneEveryMs = 60 * 60 * 1000;

/**
 * Sign-in sessions: a short-lived access token plus an opaque, single-use
 * refresh token. Each refresh consumes its token and issues the next one of
 * the same family; presenting a consumed token again means it leaked, so the
 * whole family is revoked and the rightful holder signs in again.
 */
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountService,
    private readonly issuer: Pick<AccessTokenIssuer, 'issue'>,
    private readonly lifetimes: SessionLifetimes,
    private readonly log: Logger,
    /** The clock; tests move it forward. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates an account (see AccountService.register) and signs it in. */
  async register(input: RegisterInput): Promise<AuthPayloadModel> {
    return this.start(await this.accounts.register(input));
  }

  /** Signs in with an email and password (see AccountService.authenticate). */
  async login(credentials: Credentials): Promise<AuthPayloadModel> {
    return this.start(await this.accounts.authenticate(credentials));
  }

  /** Starts a new family for a user who just proved who they are. */
  async start(user: UserModel): Promise<AuthPayloadModel> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.lifetimes.absoluteSeconds * 1000);
    return this.db.transaction(async (tx) => {
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
    const rotation = await this.db.transaction((tx) => this.rotate(tx, hash));
    if (rotation.outcome === 'rotated') return rotation.payload;
    if (rotation.outcome === 'reused') {
      this.log.warn(
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
    return this.db.transaction(async (tx) => {
      const token = await lockRefreshToken(tx, hash);
      if (!token) return false;
      const now = this.now();
      await revokeFamily(tx, token.familyId, now);
      return isUsable(token, now);
    });
  }

  /** Deletes tokens of families past their absolute lifetime; returns how many. */
  pruneExpired(): Promise<number> {
    return deleteExpired(this.db, this.now());
  }

  /**
   * Prunes expired families now and then, so the table holds only live
   * sessions. Any instance may run it; the delete is idempotent.
   */
  startPruner(everyMs = pruneEveryMs): PeriodicTask {
    return startPeriodic({
      name: 'pruning refresh tokens',
      everyMs,
      run: async () => {
        const count = await this.pruneExpired();
        if (count > 0) this.log.debug({ count }, 'pruned expired refresh tokens');
      },
      log: this.log,
      // Pruning is housekeeping: it must not keep the process alive.
      unref: true,
    });
  }

  private async rotate(tx: Tx, hash: string): Promise<Rotation> {
    const token = await lockRefreshToken(tx, hash);
    if (!token) return { outcome: 'unknown' };
    const now = this.now();
    if (token.usedAt || token.revokedAt) {
      const revoked = await revokeFamily(tx, token.familyId, now);
      // Only the first replay of a used token is news; a logged-out family was revoked already.
      if (token.usedAt && revoked > 0) return { outcome: 'reused', userId: token.userId, familyId: token.familyId };
      return { outcome: 'revoked' };
    }
    if (!isUsable(token, now)) return { outcome: 'expired' };
    // Read the account afresh so a role change shows in the next access token.
    const account = await findAccount(tx, token.userId);
    if (!account) return { outcome: 'unknown' };
    await markUsed(tx, token.id, now);
    const user = toUserModel(account);
    const refreshToken = await this.insertToken(tx, user.id, token.familyId, token.expiresAt, now);
    return { outcome: 'rotated', payload: { accessToken: await this.accessTokenFor(user), refreshToken, user } };
  }

  /** Stores the hash of a new token of a family and returns the token itself. */
  private async insertToken(tx: Tx, userId: string, familyId: string, expiresAt: Date, now: Date): Promise<string> {
    const { token, hash } = mintRefreshToken();
    await insertRefreshToken(tx, {
      id: randomUUID(),
      familyId,
      userId,
      tokenHash: hash,
      createdAt: now,
      expiresAt,
      idleExpiresAt: idleExpiry(now, this.lifetimes.idleSeconds, expiresAt),
    });
    return token;
  }

  private accessTokenFor(user: UserModel): Promise<string> {
    return this.issuer.issue({ userId: user.id, role: user.role });
  }
}
