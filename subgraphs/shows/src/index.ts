import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { catalogProjection } from './catalog-projection.js';
import type { Context } from './context.js';
import { ShowReads } from './db/reads.js';
import { resolvers } from './resolvers/index.js';
import { ScheduleService } from './schedule-service.js';

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
    const reads = new ShowReads(db);
    const schedule = new ScheduleService(db, runtime.outbox);
    const consumer = await runtime.bus.consume(catalogProjection(db));
    return {
      resolvers,
      context: (identity) => ({ identity, reads, schedule }),
      dispose: () => consumer.dispose(),
    };
  },
};
