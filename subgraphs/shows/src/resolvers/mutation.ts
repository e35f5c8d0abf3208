import { requireAdmin } from '../auth.js';
import type { MutationResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

const scheduleScreening: Resolver<'scheduleScreening'> = (_, { input }, ctx) => {
  requireAdmin(ctx.identity);
  return ctx.schedule.scheduleScreening(input);
};

const scheduleTrip: Resolver<'scheduleTrip'> = (_, { input }, ctx) => {
  requireAdmin(ctx.identity);
  return ctx.schedule.scheduleTrip(input);
};

export const Mutation: MutationResolvers = { scheduleScreening, scheduleTrip };
