/** Assertions on the coded errors of the platform (`extensions.code`, and `extensions.field` for bad input). */
import type { ExecutionResult } from 'graphql';
import { expect } from 'vitest';

/** The code and field of a result's first error; undefined when it has none. */
export function firstError(result: ExecutionResult<unknown>): { code: unknown; field: unknown } | undefined {
  const error = result.errors?.[0];
  return error && { code: error.extensions?.code, field: error.extensions?.field };
}

/**
 * Asserts that a promise rejects with a coded error (and, for
 * BAD_USER_INPUT, on the given field).
 *
 * @example
 * await expectCode(holdSeats(gql, user, { showId, seatIds: ['A1'] }), 'SEATS_UNAVAILABLE');
 */
export async function expectCode(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  const extensions = field === undefined ? { code } : { code, field };
  await expect(promise).rejects.toMatchObject({ extensions });
}
