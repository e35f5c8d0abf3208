import type { BaseContext } from '@seats/platform';
import type { Loaders } from './loaders.js';
import type { ShowService } from './shows.js';

/** The shows subgraph's resolver context: the caller, the services and this request's loaders. */
export interface Context extends BaseContext {
  shows: ShowService;
  /** This request's batched reads. */
  loaders: Loaders;
}
