import { BadUserInputError, decodeCursor, encodeCursor, isId } from '@seats/platform';

/** A page of a keyset-paginated list, shaped like a GraphQL connection. */
export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A position in a list ordered by (text key, id). */
export type Position = readonly [key: string, id: string];

/** Decodes an `after` cursor into a position; BAD_USER_INPUT 'after' when it is not ours. */
export function parseAfter(after: string | null | undefined): Position | null {
  if (after === null || after === undefined) return null;
  const [key, id] = decodeCursor(after, 'after', ['string', 'string']) as [string, string];
  if (!isId(id)) throw new BadUserInputError('after', 'after is not a valid cursor');
  return [key, id];
}

/**
 * Builds a page from up to `first + 1` rows (the extra row only tells
 * whether another page follows).
 */
export function toPage<T>(rows: readonly T[], first: number, position: (row: T) => Position): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(position(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
