import type { MutationResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

const createMovie: Resolver<'createMovie'> = (_, { input }, ctx) => ctx.movies.create(ctx.identity, input);

const createVenue: Resolver<'createVenue'> = (_, { input }, ctx) => ctx.venues.create(ctx.identity, input);

const createTrain: Resolver<'createTrain'> = (_, { input }, ctx) => ctx.trains.create(ctx.identity, input);

export const Mutation: MutationResolvers = { createMovie, createVenue, createTrain };
