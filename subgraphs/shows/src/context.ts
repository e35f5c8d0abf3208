import type { BaseContext } from '@seats/platform';
import type { ShowService } from './shows.js';

/** The shows subgraph's resolver context: the caller and the services. */
export interface Context extends BaseContext {
  shows: ShowService;
}
