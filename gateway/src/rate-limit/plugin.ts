import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { Caller, RateLimiter } from './limiter.js';
import { rootFieldCounts } from './root-fields.js';

/**
 * Applies the rate limits once Apollo knows which operation runs (after
 * parsing and validation, before anything reaches a subgraph). Every limited
 * field is a mutation, so queries cost no counter update.
 */
export function rateLimitPlugin<Ctx extends Caller>(limiter: RateLimiter): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          await limiter.check(rootFieldCounts(document, operation), contextValue);
        },
      };
    },
  };
}
