import { BadUserInputError } from './errors.js';
import { isId } from './ids.js';

/**
 * Keyset paging, one way for every connection of the API: opaque cursors of
 * a (key, id) position, `first` between 1 and 100, and pages built from
 * `first + 1` rows (the extra row only tells whether another page follows).
 */

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

/** A page of a keyset-paginated list, shaped like a GraphQL connection. */
export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A position in a list ordered by (key, id). */
export type Position = readonly [key: string, id: string];

/**
 * Decodes an `after` cursor into a position; BAD_USER_INPUT on `after` when
 * it is not one of ours or its key fails `validKey`.
 *
 * @example
 * const after = parseAfter(args.after, (at) => !Number.isNaN(Date.parse(at)));
 */
export function parseAfter(
  after: string | null | undefined,
  validKey: (key: string) => boolean = () => true,
): Position | null {
  if (after === null || after === undefined) return null;
  const [key, id] = decodeCursor(after, 'after', ['string', 'string']);
  if (typeof key !== 'string' || typeof id !== 'string' || !isId(id) || !validKey(key)) {
    throw new BadUserInputError('after', 'after is not a valid cursor');
  }
  return [key, id];
}

/** Builds a page from up to `first + 1` rows. */
export function toPage<T>(rows: readonly T[], first: number, position: (row: T) => Position): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(position(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
