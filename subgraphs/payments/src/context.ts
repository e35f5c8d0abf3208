import type { BaseContext } from '@seats/platform';
import type { PaymentService } from './payments.js';

/** The payments subgraph's resolver context: the caller and the services. */
export interface Context extends BaseContext {
  payments: PaymentService;
}
