import { groupedBatchLoader, type Db, type Loader } from '@seats/platform';
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
  return { notificationsOfUser: groupedBatchLoader(loadPages(db), pageKey, ({ limit }) => String(limit)) };
}

const pageKey = ({ userId, limit }: NotificationsPageKey) => `${userId}/${limit}`;

/** Pages asked for with the same size are read together (one `first` per field, so usually all of them). */
function loadPages(db: Db) {
  return async (
    keys: readonly [NotificationsPageKey, ...NotificationsPageKey[]],
  ): Promise<Map<string, NotificationModel[]>> => {
    const [{ limit }] = keys;
    const byUser = await listForUsers(
      db,
      keys.map((k) => k.userId),
      limit,
    );
    return new Map(keys.map((key) => [pageKey(key), byUser.get(key.userId) ?? []]));
  };
}
