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

/** Opaque cursors: base64url of a JSON tuple, validated on the way back. */
export function encodeCursor(parts: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(
  cursor: string,
  field: string,
  shape: ReadonlyArray<'string' | 'number'>,
): Array<string | number> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === shape.length && parsed.every((p, i) => typeof p === shape[i])) {
      return parsed as Array<string | number>;
    }
  } catch {
    // fall through to the coded error
  }
  throw new BadUserInputError(field, `${field} is not a valid cursor`);
}

/** Validates a page size. */
export function parseFirst(first: number | null | undefined, max = 100): number {
  const value = first ?? 20;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError('first', `first must be between 1 and ${max}`);
  }
  return value;
}
