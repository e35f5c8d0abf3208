import { ForbiddenError, UnauthenticatedError, type Identity } from '@seats/platform';

/** Admin mutations: UNAUTHENTICATED without a caller, FORBIDDEN for anyone but an ADMIN. */
export function requireAdmin(identity: Identity | null): Identity {
  if (!identity) throw new UnauthenticatedError();
  if (identity.role !== 'ADMIN') throw new ForbiddenError('Only an admin may change the schedule');
  return identity;
}
