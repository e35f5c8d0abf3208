import { BadUserInputError, parseId } from '@seats/platform';
import { parseUtcDay } from '../domain/schedule.js';
import type { QueryResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof QueryResolvers> = NonNullable<QueryResolvers[K]>;

const show: Resolver<'show'> = (_, args, ctx) => ctx.reads.show(parseId(args.id, 'id'));

const trips: Resolver<'trips'> = (_, args, ctx) => {
  const from = parseId(args.from, 'from');
  const to = parseId(args.to, 'to');
  if (from === to) throw new BadUserInputError('to', 'to must be another station than from');
  const day = parseUtcDay(args.date, 'date');
  return ctx.reads.trips(from, to, day.start, day.end);
};

export const Query: QueryResolvers = { show, trips };
