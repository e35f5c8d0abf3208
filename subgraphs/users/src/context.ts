import type { BaseContext } from '@seats/platform';
import type { UsersServices } from './services.js';

/** The users subgraph's resolver context: the caller and the services. */
export interface Context extends BaseContext, UsersServices {}
