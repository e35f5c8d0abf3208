import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { catalogConsumer } from './consumers.js';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { ShowService } from './shows.js';

/**
 * The schedule: screenings and trips with their prices and stops. It learns
 * movies, screens and trains from the catalog's events and announces every
 * new show (ShowScheduled).
 */
export const showsSubgraph: SubgraphDefinition<Context> = {
  name: 'shows',
  typeDefs: parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
  migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  async setup(runtime) {
    const { db } = runtime.database;
    const shows = new ShowService(db, runtime.outbox);
    const consumer = await runtime.bus.consume(catalogConsumer(db));
    return {
      resolvers,
      context: (identity) => ({ identity, shows, loaders: createLoaders(db) }),
      dispose: () => consumer.dispose(),
    };
  },
};
