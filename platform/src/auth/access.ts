import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Identity } from './identity.js';

/**
 * The identity checks every subgraph makes, in one place: who may call at
 * all, who may administer, and who may see or change what a user owns.
 */

/**
 * The signed-in caller; UNAUTHENTICATED without one.
 *
 * @example
 * const caller = requireUser(ctx.identity);
 */
export function requireUser(identity: Identity | null): Identity {
  if (!identity) throw new UnauthenticatedError();
  return identity;
}

/**
 * An ADMIN caller: UNAUTHENTICATED without a caller, FORBIDDEN for anyone else.
 *
 * @example
 * requireAdmin(ctx.identity, 'change the catalog');
 */
export function requireAdmin(identity: Identity | null, action = 'do this'): Identity {
  const caller = requireUser(identity);
  if (caller.role !== 'ADMIN') throw new ForbiddenError(`Only an admin may ${action}`);
  return caller;
}

/** Whether the caller is the owner of something, or an ADMIN (who may act on anyone's). */
export function ownsOrAdministers(identity: Identity | null, ownerId: string): boolean {
  return identity !== null && (identity.userId === ownerId || identity.role === 'ADMIN');
}

/**
 * The caller, when they own it or are ADMIN: UNAUTHENTICATED without a
 * caller, FORBIDDEN for anyone else.
 *
 * @example
 * requireOwnerOrAdmin(ctx.identity, booking.userId, 'Not your booking');
 */
export function requireOwnerOrAdmin(identity: Identity | null, ownerId: string, refusal?: string): Identity {
  const caller = requireUser(identity);
  if (!ownsOrAdministers(caller, ownerId)) throw new ForbiddenError(refusal);
  return caller;
}
