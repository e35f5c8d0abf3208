import { parseId } from '@seats/platform';
import type { QueryResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;

const show: Resolver<'show'> = (_, args, ctx) => ctx.shows.show(ctx.loaders, parseId(args.id, 'id'));

const trips: Resolver<'trips'> = (_, args, ctx) => ctx.shows.trips(args);

export const Query: QueryResolvers = { show, trips };
