/**
 * Errors that mean a dependency (the database, the bus, a subgraph) is
 * away for a moment rather than that the request was wrong or the code is:
 * a client gets a coded, retryable SERVICE_UNAVAILABLE for them, never an
 * INTERNAL_SERVER_ERROR.
 */
import { BusTimeoutError, BusUnreachableError } from './bus/types.js';

/** Seconds a client is asked to wait before retrying after a dependency outage. */
export const dependencyRetrySeconds = 2;

/** Socket and driver codes of a connection that failed, closed or timed out. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs of a server that is going away or not accepting connections:
 * class 08 (connection exception), admin/crash shutdown, cannot connect now,
 * too many connections.
 */
const unavailableSqlStates = /^(08...|57P01|57P02|57P03|53300)$/;

/**
 * True when `err`, or an error it wraps (GraphQL's `originalError`, `cause`,
 * an AggregateError's `errors`), says a dependency could not be reached.
 */
export function isDependencyUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 6) return false;
  if (err instanceof BusUnreachableError || err instanceof BusTimeoutError) return true;
  const { code, originalError, cause, errors } = err as {
    code?: unknown;
    originalError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (connectionCodes.has(code) || unavailableSqlStates.test(code))) return true;
  if (isDependencyUnavailable(originalError, depth + 1) || isDependencyUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => isDependencyUnavailable(inner, depth + 1));
}
