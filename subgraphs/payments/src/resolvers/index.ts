import type { Resolvers } from '../generated/resolvers.js';
import * as payment from './payment.js';

/** The payments subgraph's resolvers. */
export const resolvers: Resolvers = {
  Payment: {
    __resolveReference: payment.resolveReference,
    amount: payment.amount,
    refunded: payment.refunded,
  },
};
