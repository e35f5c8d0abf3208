import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { dependencyRetrySeconds, ErrorCode } from '@seats/platform';

/**
 * A request that got nothing done because a dependency was away (no data,
 * and every error SERVICE_UNAVAILABLE) is answered with HTTP 503 and a
 * Retry-After of the longest wait any error asked for, so that HTTP-level
 * retries (a client's retry link, a load balancer) see it for what it is.
 * A partial result stays 200: some of it was served.
 */
export function serviceUnavailableStatus<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== null && data !== undefined) return;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === ErrorCode.ServiceUnavailable)) return;
          const waits = errors.map((e) => Number(e.extensions?.retryAfterSeconds) || dependencyRetrySeconds);
          response.http.status = 503;
          response.http.headers.set('retry-after', String(Math.max(...waits)));
        },
      };
    },
  };
}
