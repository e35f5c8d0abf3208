import { parseId } from '@seats/platform';
import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  show: (_, args, ctx) => ctx.reads.show(parseId(args.id, 'id')),
};
