import { batchLoader, indexBy, type Db, type Loader } from '@seats/platform';
import { findPayments } from './db/payments.js';
import { refundedOfMany } from './db/refunds.js';
import type { PaymentModel } from './models.js';

/**
 * The reads of one request, batched: every Payment reference of a level of
 * the query is answered by one statement, whatever the number of payments.
 * Made per request by `context()`; keys are ids already validated and
 * lower-cased by the service, which decides who may see what was loaded.
 */
export interface Loaders {
  payment: Loader<string, PaymentModel>;
  /** What was refunded of each payment (absent: nothing). */
  refunded: Loader<string, number>;
}

export function createLoaders(db: Db): Loaders {
  return {
    payment: batchLoader(
      async (ids) => indexBy(await findPayments(db, ids), (payment) => payment.id),
      (id) => id,
    ),
    refunded: batchLoader(
      (ids) => refundedOfMany(db, ids),
      (id) => id,
    ),
  };
}
