import type { MutationResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

const scheduleScreening: Resolver<'scheduleScreening'> = (_, { input }, ctx) =>
  ctx.shows.scheduleScreening(ctx.identity, input);

const scheduleTrip: Resolver<'scheduleTrip'> = (_, { input }, ctx) => ctx.shows.scheduleTrip(ctx.identity, input);

const cancelShow: Resolver<'cancelShow'> = (_, { id }, ctx) => ctx.shows.cancelShow(ctx.identity, id);

export const Mutation: MutationResolvers = { scheduleScreening, scheduleTrip, cancelShow };
