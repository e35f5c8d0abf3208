import type { BaseContext } from '@seats/platform';
import type { Loaders } from './loaders.js';
import type { PaymentService } from './payments.js';

/** The payments subgraph's resolver context: the caller, the services and this request's loaders. */
export interface Context extends BaseContext {
  payments: PaymentService;
  /** This request's batched reads. */
  loaders: Loaders;
}
