import type { BaseContext } from '@seats/platform';
import type { AccountService } from './accounts.js';
import type { SessionService } from './sessions.js';

/** The services the resolvers use. */
export interface UsersServices {
  accounts: AccountService;
  sessions: SessionService;
}

/** The users subgraph's resolver context: the caller and the services. */
export interface Context extends BaseContext, UsersServices {}
