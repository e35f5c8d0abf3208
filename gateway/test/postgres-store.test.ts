import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, queryRows, sql, type Database } from '@seats/platform';
import { modes, openTestDatabase, type Mode } from '@seats/testkit';
import { PostgresRateLimitStore } from '../src/rate-limit/index.js';
import { gatewayMigrationsFolder } from '../src/rate-limit/postgres-store.js';

const log = createLogger('test', 'silent');

/**
 * Two "gateway instances": embedded, two stores on one PGlite (it cannot be
 * opened twice); services, two stores that each open their own pool to a
 * fresh Postgres database, as separate gateway processes would.
 */
async function openTwo(
  mode: Mode,
): Promise<{ stores: PostgresRateLimitStore[]; db: Database; dispose(): Promise<void> }> {
  const target = await openTestDatabase(mode, { name: 'gateway', migrationsFolder: gatewayMigrationsFolder });
  const db = target.database;
  const { url } = target;
  const stores = url
    ? await Promise.all([1, 2].map(() => PostgresRateLimitStore.open(url, os.tmpdir(), log)))
    : [PostgresRateLimitStore.over(db, log), PostgresRateLimitStore.over(db, log)];
  return {
    stores,
    db,
    dispose: async () => {
      await Promise.all(stores.map((s) => s.dispose()));
      await target.dispose();
    },
  };
}

describe.each(modes)('rate-limit counters in Postgres (%s)', (mode) => {
  let two: Awaited<ReturnType<typeof openTwo>>;

  beforeAll(async () => {
    two = await openTwo(mode);
  });
  afterAll(() => two?.dispose());

  it('counts every concurrent hit from two instances exactly once', async () => {
    const [a, b] = two.stores as [PostgresRateLimitStore, PostgresRateLimitStore];
    const results = await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? a : b).hit('login:ip:203.0.113.9', 1, 3600)),
    );
    expect(results.map((r) => r.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(results.every((r) => r.resetSeconds >= 1 && r.resetSeconds <= 3600)).toBe(true);
    expect((await b.hit('login:ip:203.0.113.9', 5, 3600)).hits).toBe(85);
    expect((await a.hit('login:ip:203.0.113.10', 1, 3600)).hits).toBe(1);
  });

  it('starts a key over in the next window and deletes ended windows', async () => {
    const [a] = two.stores as [PostgresRateLimitStore];
    await queryRows(
      two.db.db,
      sql`insert into gateway.rate_limits (key, window_start, hits, expires_at)
          values ('old', now() - interval '2 minutes', 50, now() - interval '1 minute')`,
    );
    expect((await a.hit('old', 1, 60)).hits).toBe(1);
    await a.prune();
    const rows = await queryRows<{ hits: number }>(
      two.db.db,
      sql`select hits from gateway.rate_limits where key = 'old'`,
    );
    expect(rows.map((r) => Number(r.hits))).toEqual([1]);
  });
});
