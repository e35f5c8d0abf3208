import { NotFoundError, requireAdmin } from '@seats/platform';
import type { MutationResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

const scheduleScreening: Resolver<'scheduleScreening'> = (_, { input }, ctx) => {
  requireAdmin(ctx.identity, 'change the schedule');
  return ctx.schedule.scheduleScreening(input);
};

const scheduleTrip: Resolver<'scheduleTrip'> = (_, { input }, ctx) => {
  requireAdmin(ctx.identity, 'change the schedule');
  return ctx.schedule.scheduleTrip(input);
};

const cancelShow: Resolver<'cancelShow'> = async (_, { id }, ctx) => {
  const admin = requireAdmin(ctx.identity, 'change the schedule');
  const show = await ctx.reads.show(await ctx.schedule.cancelShow(admin, id));
  if (!show) throw new NotFoundError('Show');
  return show;
};

export const Mutation: MutationResolvers = { scheduleScreening, scheduleTrip, cancelShow };
