import { batchLoader, type Db, type Loader } from '@seats/platform';
import { listForUsers } from './db/notifications.js';
import type { NotificationModel } from './models.js';

/** The newest notifications of one user: whose, and how many. */
export interface NotificationsPageKey {
  userId: string;
  limit: number;
}

/**
 * The reads of one request, batched: the notifications of every user of a
 * level of the query are read in one statement, whatever the number of
 * users. Made per request by `context()`; user ids are already validated
 * and lower-cased by the service.
 */
export interface Loaders {
  notificationsOfUser: Loader<NotificationsPageKey, NotificationModel[]>;
}

export function createLoaders(db: Db): Loaders {
  return { notificationsOfUser: batchLoader(loadPages(db), pageKey) };
}

const pageKey = ({ userId, limit }: NotificationsPageKey) => `${userId}/${limit}`;

/** Pages asked for with the same size are read together (one `first` per field, so usually all of them). */
function loadPages(db: Db) {
  return async (keys: readonly NotificationsPageKey[]): Promise<Map<string, NotificationModel[]>> => {
    const pages = new Map<string, NotificationModel[]>();
    const bySize = new Map<number, string[]>();
    for (const { userId, limit } of keys) bySize.set(limit, [...(bySize.get(limit) ?? []), userId]);
    for (const [limit, userIds] of bySize) {
      const byUser = await listForUsers(db, userIds, limit);
      for (const userId of userIds) pages.set(pageKey({ userId, limit }), byUser.get(userId) ?? []);
    }
    return pages;
  };
}
