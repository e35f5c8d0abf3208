import type http from 'node:http';
import type { Identity, SubscriptionLimits } from '@seats/platform';
import { CloseCode } from './close-codes.js';

/** A graphql-ws close code and reason for a connection that is turned away. */
export interface Refusal {
  code: CloseCode;
  reason: string;
}

const forbiddenOrigin: Refusal = { code: CloseCode.Forbidden, reason: 'Forbidden origin' };
const tooMany = (what: string): Refusal => ({
  code: CloseCode.TooManyConnections,
  reason: `Too many connections ${what}`,
});

/**
 * Who may hold a WebSocket: browsers only from the gateway's own origin or
 * an allowed one (against cross-site WebSocket hijacking; clients that are
 * not browsers send no Origin), and no more than the limits per address,
 * per user and in total.
 */
export class Admission {
  private total = 0;
  private readonly perAddress = new Map<string, number>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: SubscriptionLimits) {}

  /** Counts a new socket from `address`, or says why not. */
  admit(req: http.IncomingMessage, address: string): Refusal | undefined {
    if (!this.originAllowed(req)) return forbiddenOrigin;
    if (this.total >= this.limits.maxConnections) return tooMany('to this gateway');
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxConnectionsPerIp) return tooMany('from this address');
    this.total++;
    increment(this.perAddress, address);
    return undefined;
  }

  /** Counts a signed-in user's connection, or says why not. */
  admitUser(identity: Identity): Refusal | undefined {
    if ((this.perUser.get(identity.userId) ?? 0) >= this.limits.maxConnectionsPerUser) return tooMany('for this user');
    increment(this.perUser, identity.userId);
    return undefined;
  }

  release(address: string, identity: Identity | null): void {
    this.total--;
    decrement(this.perAddress, address);
    if (identity) decrement(this.perUser, identity.userId);
  }

  get connections(): number {
    return this.total;
  }

  private originAllowed(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (this.limits.allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}
