import type { UserResolvers } from '../generated/resolvers.js';

/** Any user id can be referenced; what it may show is decided per field. */
export const resolveReference: NonNullable<UserResolvers['__resolveReference']> = (ref) => ({ id: ref.id });

/** A user's notifications, newest first: for that user and for admins only. */
export const notifications: NonNullable<UserResolvers['notifications']> = (user, args, ctx) =>
  ctx.notifications.forUser(ctx.loaders, ctx.identity, user.id, args.first);
