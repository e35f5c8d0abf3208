import type { UserResolvers } from '../generated/resolvers.js';

/** Other subgraphs refer to users by id; an id with no account resolves to null. */
const __resolveReference: NonNullable<UserResolvers['__resolveReference']> = (ref, ctx) =>
  ctx.accounts.user(ctx.loaders, ref.id);

export const User: UserResolvers = { __resolveReference };
