import type { BaseContext } from '@seats/platform';
import type { AccountService } from './accounts.js';
import type { Loaders } from './loaders.js';
import type { SessionService } from './sessions.js';

/** The services the resolvers use. */
export interface UsersServices {
  accounts: AccountService;
  sessions: SessionService;
}

/** The users subgraph's resolver context: the caller, the services and this request's loaders. */
export interface Context extends BaseContext, UsersServices {
  /** This request's batched reads. */
  loaders: Loaders;
}
