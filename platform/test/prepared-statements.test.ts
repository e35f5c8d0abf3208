import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, openTestDatabase, writeMigration, type TestDatabase } from '../../testkit/src/index.js';
import { selectRows, sql } from '../src/db/database.js';

// postgres.js only (PGlite has no protocol round trips to save): every statement with parameters
// goes out prepared, outside and inside transactions, so that it costs one round trip and one parse
// per connection.
describe.skipIf(!modes.includes('services'))('prepared statements (services)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepared-test-'));
  let target: TestDatabase;

  beforeAll(async () => {
    writeMigration(path.join(dir, 'migrations'), ['create schema if not exists prepared_test']);
    // One connection: the session whose prepared statements are read is the one that sent them.
    target = await openTestDatabase('services', {
      name: 'prepared_test',
      migrationsFolder: path.join(dir, 'migrations'),
      poolSize: 1,
    });
  });
  afterAll(async () => {
    await target?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const probe = z.object({ x: z.number() });
  const preparedLike = async (marker: string) =>
    (
      await selectRows(
        target.database.db,
        z.object({ statement: z.string() }),
        sql`select statement from pg_prepared_statements where statement like ${`%${marker}%`}`,
      )
    ).map((row) => row.statement);

  it('prepares a statement once per connection and sends it again as Bind and Execute', async () => {
    const { db } = target.database;
    for (let i = 0; i < 3; i++) {
      const [row] = await selectRows(db, probe, sql`select ${i}::int + 1 as x /* probe_outside */`);
      expect(row?.x).toBe(i + 1);
    }
    await db.transaction(async (tx) => {
      const [row] = await selectRows(tx, probe, sql`select ${41}::int + 1 as x /* probe_inside */`);
      expect(row?.x).toBe(42);
    });
    // One prepared statement per shape, however often it ran.
    expect(await preparedLike('probe_outside')).toHaveLength(1);
    expect(await preparedLike('probe_inside')).toHaveLength(1);
  });
});
