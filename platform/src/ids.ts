import { BadUserInputError } from './errors.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates a client-supplied id (all ids are UUIDs); BAD_USER_INPUT names the field. */
export function parseId(value: string, field: string): string {
  if (!uuidPattern.test(value)) throw new BadUserInputError(field, `${field} is not a valid id`);
  return value.toLowerCase();
}

export function isId(value: string): boolean {
  return uuidPattern.test(value);
}
