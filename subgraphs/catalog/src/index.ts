import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { CatalogService } from './catalog-service.js';
import type { Context } from './context.js';
import { CatalogReads } from './db/reads.js';
import { resolvers } from './resolvers/index.js';

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
    const reads = new CatalogReads(runtime.database.db);
    const catalog = new CatalogService(runtime.database.db, runtime.outbox);
    return {
      resolvers,
      context: (identity) => ({ identity, reads, catalog }),
    };
  },
};
