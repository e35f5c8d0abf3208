import type { GraphQLFormattedError } from 'graphql';
import { dependencyRetrySeconds, isDependencyUnavailable } from './dependency-errors.js';
import { ErrorCode, isClientErrorCode } from './errors.js';
import type { Logger } from './logger.js';

/**
 * Apollo's `formatError`: coded client errors pass through; a dependency
 * that could not be reached (the database restarting, the bus or a subgraph
 * away) becomes a retryable SERVICE_UNAVAILABLE; anything else is logged and
 * replaced by a bare INTERNAL_SERVER_ERROR, so no stack trace, SQL or driver
 * message ever reaches a client.
 */
export function makeFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isClientErrorCode(code)) {
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (isDependencyUnavailable(error)) {
      log.warn({ err: error, path: formatted.path }, 'a dependency is unavailable');
      return {
        message: 'A service this request needs is unavailable; try again shortly',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.ServiceUnavailable, retryAfterSeconds: dependencyRetrySeconds },
      };
    }
    log.error({ err: error, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.InternalServerError },
    };
  };
}
