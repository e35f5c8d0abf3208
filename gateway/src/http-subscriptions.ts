import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { BadRequestError, refusingRequest } from '@seats/platform';

/**
 * Subscriptions are served over graphql-ws on the same path; one sent as an
 * HTTP request is the client's mistake, answered with BAD_REQUEST (HTTP 400)
 * instead of the gateway's internal "not supported" error.
 */
export function refuseHttpSubscriptions<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return;
          throw refusingRequest(
            new BadRequestError('Subscriptions are served over WebSocket (graphql-ws) on /graphql'),
          );
        },
      };
    },
  };
}
