import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@seats/platform';
import { bootstrapAdmin } from './admin.js';
import type { Context } from './context.js';
import { startTokenPruner } from './pruner.js';
import { resolvers } from './resolvers/index.js';
import { createUsersServices } from './services.js';

/**
 * The users subgraph: accounts, password sign-in, access and refresh tokens,
 * and roles. Other subgraphs learn about accounts from `UserRegistered`.
 */
export const usersSubgraph: SubgraphDefinition<Context> = {
  name: 'users',
  typeDefs: parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')),
  migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
  async setup(runtime) {
    const { config, log } = runtime;
    const services = await createUsersServices({ db: runtime.database.db, outbox: runtime.outbox, log, config });
    await bootstrapAdmin(services.accounts, config, log);
    const pruner = startTokenPruner(services.sessions, log);
    return {
      resolvers,
      context: (identity) => ({ identity, ...services }),
      dispose: () => pruner.dispose(),
    };
  },
};
