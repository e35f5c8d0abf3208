import DataLoader from 'dataloader';

/** A per-request loader: `load(key)` answers the value for the key, or null when there is none. */
export type Loader<K, V> = DataLoader<K, V | null, string>;

/**
 * A loader for one request: every `load(key)` made while resolving one
 * level of a query (one tick) is answered by a single call of `loadMany`,
 * which reads all the keys in one statement and returns what it found by
 * key. Keys are told apart by `keyOf` (a string), so composite keys (a
 * show and a leg range) batch and deduplicate too. Create loaders per
 * request (in the subgraph's `context()`), never share them: they cache
 * for the request's lifetime.
 *
 * @example
 * const shows = batchLoader((ids: readonly string[]) => findShows(db, ids), (id) => id);
 * const show = await shows.load(showId);
 */
export function batchLoader<K, V>(
  loadMany: (keys: readonly K[]) => Promise<ReadonlyMap<string, V>>,
  keyOf: (key: K) => string,
  options: { maxBatchSize?: number } = {},
): Loader<K, V> {
  return new DataLoader<K, V | null, string>(
    async (keys) => {
      const found = await loadMany(keys);
      return keys.map((key) => found.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf, maxBatchSize: options.maxBatchSize ?? 1000 },
  );
}

/**
 * A `batchLoader` whose keys fall into groups that one statement cannot
 * mix (pages of the same size and position, say): each group of a batch is
 * loaded by its own call of `loadGroup`, so a batch costs one statement per
 * distinct group, whatever the number of keys.
 *
 * @example
 * const pages = groupedBatchLoader(
 *   (keys) => listForUsers(db, keys.map((k) => k.userId), keys[0].limit),
 *   (key) => `${key.userId}/${key.limit}`,
 *   (key) => String(key.limit),
 * );
 */
export function groupedBatchLoader<K, V>(
  loadGroup: (keys: readonly [K, ...K[]]) => Promise<ReadonlyMap<string, V>>,
  keyOf: (key: K) => string,
  groupOf: (key: K) => string,
): Loader<K, V> {
  return batchLoader(async (keys) => {
    const found = new Map<string, V>();
    for (const group of groupBy(keys, groupOf).values()) {
      const [first, ...rest] = group;
      if (first === undefined) continue;
      for (const [key, value] of await loadGroup([first, ...rest])) found.set(key, value);
    }
    return found;
  }, keyOf);
}

/** Groups rows by a key, for loaders that answer a list per key (a movie's shows, a user's notifications). */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Indexes rows by a unique key, for loaders that answer one row per key. */
export function indexBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [keyOf(row), row]));
}
