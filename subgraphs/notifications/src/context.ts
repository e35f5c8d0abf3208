import type { BaseContext } from '@seats/platform';
import type { NotificationsRepository } from './repository.js';

/** The notifications subgraph's resolver context. */
export interface Context extends BaseContext {
  notifications: NotificationsRepository;
}
