import type { QueryResolvers } from '../generated/resolvers.js';

/** The signed-in account; null for anonymous callers (and for an account that no longer exists). */
const me: NonNullable<QueryResolvers['me']> = (_, _args, ctx) => ctx.accounts.me(ctx.identity);

const userByEmail: NonNullable<QueryResolvers['userByEmail']> = (_, { email }, ctx) =>
  ctx.accounts.findByEmail(ctx.identity, email);

export const Query: QueryResolvers = { me, userByEmail };
