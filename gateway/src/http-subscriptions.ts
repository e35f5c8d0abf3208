import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

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
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) on /graphql', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}
