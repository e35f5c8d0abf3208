import type { QueryResolvers } from '../generated/resolvers.js';

/** The signed-in account; null for anonymous callers (and for an account that no longer exists). */
const me: NonNullable<QueryResolvers['me']> = async (_parent, _args, { identity, accounts }) =>
  identity ? accounts.findById(identity.userId) : null;

export const Query: QueryResolvers = { me };
