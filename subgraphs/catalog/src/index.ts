import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { MovieService } from './movies.js';
import { resolvers } from './resolvers/index.js';
import { TrainService } from './trains.js';
import { VenueService } from './venues.js';

/**
 * The catalog: movies, venues with screens and seat layouts, stations and
 * trains. It announces every addition on the bus (MovieUpserted,
 * ScreenUpserted, TrainUpserted) and consumes nothing.
 */
export const catalogSubgraph: SubgraphDefinition<Context> = {
  name: 'catalog',
  typeDefs: parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
  migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  async setup(runtime) {
    const { db } = runtime.database;
    const movies = new MovieService(db, runtime.outbox);
    const venues = new VenueService(db, runtime.outbox);
    const trains = new TrainService(db, runtime.outbox);
    return {
      resolvers,
      context: (identity) => ({ identity, movies, venues, trains, loaders: createLoaders(db) }),
    };
  },
};
