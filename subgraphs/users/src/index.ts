import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import {
  AccessTokenIssuer,
  loadKeyRing,
  type Db,
  type Logger,
  type PlatformConfig,
  type SubgraphDefinition,
} from '@seats/platform';
import { AccountService, type AccountOutbox } from './accounts.js';
import { bootstrapAdmin } from './admin.js';
import type { Context, UsersServices } from './context.js';
import { createLoaders } from './loaders.js';
import { PasswordHasher } from './passwords.js';
import { resolvers } from './resolvers/index.js';
import { SessionService } from './sessions.js';

export interface UsersServicesDeps {
  db: Db;
  outbox: AccountOutbox;
  log: Logger;
  config: Pick<
    PlatformConfig,
    | 'accessTokenKeys'
    | 'keysDir'
    | 'tokenIssuer'
    | 'tokenAudience'
    | 'accessTokenTtlSeconds'
    | 'refreshTokenIdleSeconds'
    | 'refreshTokenAbsoluteSeconds'
  >;
  hasher?: PasswordHasher;
  /** The clock sessions use; tests move it forward. */
  now?: () => Date;
}

/** Builds the services with their access-token issuer (the subgraph's setup and the tests share this). */
export async function createUsersServices(deps: UsersServicesDeps): Promise<UsersServices> {
  const { db, config } = deps;
  const keys = await loadKeyRing('access', config.accessTokenKeys, config.keysDir);
  const issuer = new AccessTokenIssuer(keys, {
    issuer: config.tokenIssuer,
    audience: config.tokenAudience,
    ttlSeconds: config.accessTokenTtlSeconds,
  });
  const accounts = new AccountService(db, deps.outbox, deps.hasher ?? new PasswordHasher());
  const lifetimes = {
    idleSeconds: config.refreshTokenIdleSeconds,
    absoluteSeconds: config.refreshTokenAbsoluteSeconds,
  };
  const sessions = new SessionService(db, accounts, issuer, lifetimes, deps.log, deps.now);
  return { accounts, sessions };
}

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
    const { db } = runtime.database;
    const services = await createUsersServices({ db, outbox: runtime.outbox, log, config });
    await bootstrapAdmin(services.accounts, config, log);
    const pruner = services.sessions.startPruner();
    return {
      resolvers,
      context: (identity) => ({ identity, ...services, loaders: createLoaders(db) }),
      dispose: () => pruner.dispose(),
    };
  },
};
