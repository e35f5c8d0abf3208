import type { BaseContext } from '@seats/platform';
import type { PaymentsRepository } from './repository.js';

/** The payments subgraph's resolver context. */
export interface Context extends BaseContext {
  payments: PaymentsRepository;
}
