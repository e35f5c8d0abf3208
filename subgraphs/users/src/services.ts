import {
  AccessTokenIssuer,
  loadKeyRing,
  type Db,
  type Logger,
  type Outbox,
  type PlatformConfig,
} from '@seats/platform';
import { AccountService } from './accounts.js';
import { PasswordHasher } from './passwords.js';
import { AccountRepository, RefreshTokenRepository } from './repository.js';
import { SessionService } from './sessions.js';

/** The services the resolvers use; also what the context carries. */
export interface UsersServices {
  accounts: AccountService;
  sessions: SessionService;
}

export interface UsersServicesDeps {
  db: Db;
  outbox: Pick<Outbox, 'record' | 'kick'>;
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

/** Wires repositories and services together (the subgraph's setup and the tests share this). */
export async function createUsersServices(deps: UsersServicesDeps): Promise<UsersServices> {
  const { db, config } = deps;
  const keys = await loadKeyRing('access', config.accessTokenKeys, config.keysDir);
  const issuer = new AccessTokenIssuer(keys, {
    issuer: config.tokenIssuer,
    audience: config.tokenAudience,
    ttlSeconds: config.accessTokenTtlSeconds,
  });
  const accountRepository = new AccountRepository(db);
  const accounts = new AccountService({
    db,
    accounts: accountRepository,
    hasher: deps.hasher ?? new PasswordHasher(),
    outbox: deps.outbox,
  });
  const sessions = new SessionService({
    db,
    accounts: accountRepository,
    tokens: new RefreshTokenRepository(db),
    issuer,
    log: deps.log,
    idleSeconds: config.refreshTokenIdleSeconds,
    absoluteSeconds: config.refreshTokenAbsoluteSeconds,
    ...(deps.now ? { now: deps.now } : {}),
  });
  return { accounts, sessions };
}
