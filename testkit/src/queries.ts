/**
 * Counts the SQL statements a piece of work sends, for tests that prove a
 * query costs a constant number of statements (no N+1). Only statements
 * sent from within the counted call's async context are counted, so a
 * sweeper or a relay running meanwhile does not disturb the count.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const counting = new AsyncLocalStorage<string[]>();

/** The database hook (`onQuery` of `openDatabase`) that feeds `countQueries`. */
export function recordQuery(query: string): void {
  counting.getStore()?.push(query);
}

/**
 * Runs `work` and returns its result with the statements it sent, in order.
 *
 * @example
 * const { queries } = await countQueries(() => bookings.gql(entities, { reps }));
 * expect(queries.length).toBeLessThanOrEqual(4);
 */
export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const result = await counting.run(queries, work);
  return { result, queries };
}
