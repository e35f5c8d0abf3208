import type { MutationResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

const createMovie: Resolver<'createMovie'> = (_, { input }, ctx) => ctx.movies.create(ctx.identity, input);

const updateMovie: Resolver<'updateMovie'> = (_, { id, input }, ctx) => ctx.movies.update(ctx.identity, id, input);

const archiveMovie: Resolver<'archiveMovie'> = (_, { id }, ctx) => ctx.movies.archive(ctx.identity, id);

const createVenue: Resolver<'createVenue'> = (_, { input }, ctx) => ctx.venues.create(ctx.identity, input);

const createTrain: Resolver<'createTrain'> = (_, { input }, ctx) => ctx.trains.create(ctx.identity, input);

export const Mutation: MutationResolvers = { createMovie, updateMovie, archiveMovie, createVenue, createTrain };
