import type { BaseContext } from '@seats/platform';
import type { Loaders } from './loaders.js';
import type { NotificationService } from './notifications.js';

/** The notifications subgraph's resolver context: the caller, the services and this request's loaders. */
export interface Context extends BaseContext {
  notifications: NotificationService;
  /** This request's batched reads. */
  loaders: Loaders;
}
