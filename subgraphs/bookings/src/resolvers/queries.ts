import { ownsOrAdministers, parseId } from '@seats/platform';
import type { QueryResolvers } from '../generated/resolvers.js';
import { holdStore } from '../store/holds.js';

const booking: NonNullable<QueryResolvers['booking']> = (_, { id }, ctx) => ctx.bookings.visible(ctx.identity, id);

const hold: NonNullable<QueryResolvers['hold']> = async (_, { id }, ctx) => {
  const holdId = parseId(id, 'id');
  if (!ctx.identity) return null;
  const found = await holdStore.find(ctx.db, holdId);
  return found && ownsOrAdministers(ctx.identity, found.userId) ? found : null;
};

export const Query: QueryResolvers = { booking, hold };
