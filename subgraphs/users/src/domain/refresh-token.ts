import { createHash, randomBytes } from 'node:crypto';

const tokenBytes = 32;
/** 32 bytes in unpadded base64url are exactly 43 characters of this alphabet. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A freshly minted refresh token: the opaque value for the client and the hash to store. */
export interface MintedToken {
  token: string;
  hash: string;
}

/** Mints an opaque refresh token from 32 random bytes. */
export function mintRefreshToken(): MintedToken {
  const token = randomBytes(tokenBytes).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/**
 * The stored form of a refresh token: SHA-256 in hex. The token carries 256
 * bits of randomness, so a fast unsalted hash is enough to make a leaked
 * table useless without slowing every refresh down.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when the value has the shape of a token this service issues (checked before hashing anything). */
export function isWellFormedRefreshToken(value: string): boolean {
  return value.length === 43 && tokenPattern.test(value);
}

/** What decides whether a stored refresh token may still be traded in. */
export interface TokenState {
  usedAt: Date | null;
  revokedAt: Date | null;
  /** When it dies unused. */
  idleExpiresAt: Date;
  /** When its family dies. */
  expiresAt: Date;
}

/** Not consumed, not revoked, and within both its idle and its absolute lifetime. */
export function isUsable(token: TokenState, now: Date): boolean {
  const t = now.getTime();
  return !token.usedAt && !token.revokedAt && token.idleExpiresAt.getTime() > t && token.expiresAt.getTime() > t;
}

/** A new token's idle end: `idleSeconds` from now, never past its family's end. */
export function idleExpiry(now: Date, idleSeconds: number, familyExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + idleSeconds * 1000, familyExpiresAt.getTime()));
}
