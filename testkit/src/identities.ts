/** Callers for in-process suites: the identity the gateway would vouch for, with no account behind it. */
import { randomUUID } from 'node:crypto';
import type { Identity, Role } from '@seats/platform';

/** A caller with a fresh user id (a client by default). */
export function createUser(role: Role = 'USER'): Identity {
  return { userId: randomUUID(), role };
}

/** An admin with a fresh user id. */
export function createAdmin(): Identity {
  return createUser('ADMIN');
}
