import { requireAdmin } from '@seats/platform';
import type { MutationResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

const createMovie: Resolver<'createMovie'> = (_, { input }, ctx) => {
  requireAdmin(ctx.identity, 'change the catalog');
  return ctx.catalog.createMovie(input);
};

const createVenue: Resolver<'createVenue'> = (_, { input }, ctx) => {
  requireAdmin(ctx.identity, 'change the catalog');
  return ctx.catalog.createVenue(input);
};

const createTrain: Resolver<'createTrain'> = (_, { input }, ctx) => {
  requireAdmin(ctx.identity, 'change the catalog');
  return ctx.catalog.createTrain(input);
};

export const Mutation: MutationResolvers = { createMovie, createVenue, createTrain };
