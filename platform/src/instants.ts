import { BadUserInputError } from './errors.js';

/** An ISO-8601 date and time with an offset (`Z` or ±hh:mm), as clients send DateTime arguments. */
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validates a client-supplied instant; BAD_USER_INPUT names the field.
 *
 * @example
 * parseInstant('2030-01-31T20:15:00Z', 'input.startsAt'); // Date
 */
export function parseInstant(value: unknown, field: string): Date {
  const at = typeof value === 'string' && isoInstant.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw new BadUserInputError(field, `${field} must be an ISO-8601 date and time, e.g. 2030-01-31T20:15:00Z`);
  }
  return at;
}
