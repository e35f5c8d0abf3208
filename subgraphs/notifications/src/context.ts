import type { BaseContext } from '@seats/platform';
import type { NotificationService } from './notifications.js';

/** The notifications subgraph's resolver context: the caller and the services. */
export interface Context extends BaseContext {
  notifications: NotificationService;
}
