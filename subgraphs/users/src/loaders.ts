import { batchLoader, indexBy, type Db, type Loader } from '@seats/platform';
import { findUsers } from './db/accounts.js';
import type { UserModel } from './models.js';

/**
 * The reads of one request, batched: every User reference of a level of
 * the query is answered by one statement, whatever the number of users.
 * Made per request by `context()`; keys are ids already validated and
 * lower-cased by the service.
 */
export interface Loaders {
  user: Loader<string, UserModel>;
}

export function createLoaders(db: Db): Loaders {
  return {
    user: batchLoader(
      async (ids) => indexBy(await findUsers(db, ids), (user) => user.id),
      (id) => id,
    ),
  };
}
