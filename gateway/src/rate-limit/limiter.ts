import {
  RateLimitedError,
  rateLimitedOperations,
  refusingRequest,
  type Identity,
  type RateLimitedOperation,
  type RateLimits,
} from '@seats/platform';
import type { RateLimitStore } from './store.js';

/** Whom a limit counts: sign-in operations per client address, seat operations per user. */
const scopes: Record<RateLimitedOperation, 'address' | 'user'> = {
  login: 'address',
  register: 'address',
  refreshSession: 'address',
  lockSeats: 'user',
  lockBestSeats: 'user',
  checkout: 'user',
};

/** The caller as far as rate limits care. */
export interface Caller {
  clientAddress: string;
  identity: Identity | null;
}

const isLimited = (field: string): field is RateLimitedOperation =>
  (rateLimitedOperations as readonly string[]).includes(field);

/**
 * Counts calls of the limited mutations against their configured limits.
 * Refused calls count too, so a client that keeps hammering stays refused
 * until its window ends.
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly limits: RateLimits,
  ) {}

  /**
   * Counts each limited root field of an operation (`fields`: name → times
   * selected) for the caller.
   *
   * @throws RateLimitedError RATE_LIMITED with `retryAfterSeconds` when any is over its limit.
   */
  async check(fields: ReadonlyMap<string, number>, caller: Caller): Promise<void> {
    let retryAfterSeconds = 0;
    for (const [field, count] of fields) {
      if (!isLimited(field)) continue;
      const limit = this.limits[field];
      if (!limit) continue;
      const { hits, resetSeconds } = await this.store.hit(
        `${field}:${subject(field, caller)}`,
        count,
        limit.windowSeconds,
      );
      if (hits > limit.limit) retryAfterSeconds = Math.max(retryAfterSeconds, resetSeconds);
    }
    if (retryAfterSeconds > 0) throw refusingRequest(new RateLimitedError(undefined, retryAfterSeconds));
  }
}

/** A signed-out caller of a per-user operation is counted by address (the subgraph refuses it anyway). */
function subject(field: RateLimitedOperation, caller: Caller): string {
  if (scopes[field] === 'user' && caller.identity) return `user:${caller.identity.userId}`;
  return `ip:${caller.clientAddress}`;
}
