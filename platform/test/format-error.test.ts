import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BusTimeoutError, BusUnreachableError } from '../src/bus/types.js';
import { isDependencyUnavailable } from '../src/dependency-errors.js';
import { BadUserInputError } from '../src/errors.js';
import { makeFormatError } from '../src/format-error.js';
import { createLogger } from '../src/logger.js';

const formatError = makeFormatError(createLogger('test', 'silent'));

/** What Apollo hands formatError for a resolver that threw `original`. */
const asResolverError = (original: Error) => {
  const error = new GraphQLError(original.message, { path: ['checkout'], originalError: original });
  return formatError(error.toJSON(), error);
};

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('formatting errors for clients', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a connection postgres.js lost', withCode('write CONNECTION_CLOSED 127.0.0.1:5432', 'CONNECTION_CLOSED')],
    ['a server shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server still starting (57P03)', withCode('the database system is starting up', '57P03')],
    ['a bus nobody answers on', new BusUnreachableError('seats.requests.charge')],
    ['a bus request that timed out', new BusTimeoutError('seats.requests.charge')],
    ['a wrapped cause', new Error('query failed', { cause: withCode('socket hang up', 'ECONNRESET') })],
    ['one of several', new AggregateError([new Error('x'), withCode('refused', 'ECONNREFUSED')])],
  ])('answers %s as SERVICE_UNAVAILABLE with a retry hint and no driver text', (_, original) => {
    const formatted = asResolverError(original);
    expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 });
    expect(formatted.path).toEqual(['checkout']);
    expect(formatted.message).not.toContain('127.0.0.1');
    expect(formatted.message).not.toMatch(/ECONN|CONNECTION_|administrator|starting up/);
  });

  it.each([
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a constraint the code did not expect', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error in SQL', withCode('syntax error at or near "selec"', '42601')],
  ])('answers %s as a bare INTERNAL_SERVER_ERROR', (_, original) => {
    const formatted = asResolverError(original);
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['checkout'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('passes coded client errors through without a stack trace', () => {
    const error = new BadUserInputError('input.showId', 'Unknown show');
    const formatted = formatError({ ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['x'] } }, error);
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.showId' });
  });

  it('does not take a dependency error for what it wraps deeper than a few layers', () => {
    let err: Error = withCode('refused', 'ECONNREFUSED');
    for (let i = 0; i < 10; i++) err = new Error('wrapped', { cause: err });
    expect(isDependencyUnavailable(err)).toBe(false);
  });
});
