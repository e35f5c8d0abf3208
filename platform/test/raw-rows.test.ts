import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, openTestDatabase, writeMigration, type TestDatabase } from '../../testkit/src/index.js';
import { arrayLiteral, jsonColumn, selectRows, sql } from '../src/db/database.js';

describe.each(modes)('raw rows: array parameters and json columns (%s)', (mode) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-rows-test-'));
  let target: TestDatabase;

  beforeAll(async () => {
    // Nothing but a schema: these tests read literals, not tables.
    writeMigration(path.join(dir, 'migrations'), ['create schema raw_rows_test']);
    target = await openTestDatabase(mode, { name: 'raw_rows_test', migrationsFolder: path.join(dir, 'migrations') });
  });
  afterAll(async () => {
    await target?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes any text through one array parameter unchanged', async () => {
    const values = ['A1', '', 'with space', 'comma,inside', '{braces}', 'quote"inside', 'back\\slash', 'NULL', 'é ✓'];
    const rows = await selectRows(
      target.database.db,
      z.object({ value: z.string(), n: z.coerce.number() }),
      sql`select value, n from unnest(${arrayLiteral(values)}::text[]) with ordinality as t(value, n) order by n`,
    );
    expect(rows.map((r) => r.value)).toEqual(values);
  });

  it('passes numbers and uuids as typed arrays', async () => {
    const ids = ['8d5e3c1a-3f0e-4a51-9f6e-2b7c1d0e4a11', '0b6f9a52-7c3d-4e8a-a1b2-c3d4e5f60718'];
    const [row] = await selectRows(
      target.database.db,
      z.object({ total: z.coerce.number(), found: z.coerce.number() }),
      sql`select (select sum(x) from unnest(${arrayLiteral([1, 20, 300])}::int[]) as x) as total,
                 (select count(*) from unnest(${arrayLiteral(ids)}::uuid[]) as id
                  where id = any(${arrayLiteral([ids[1]!])}::uuid[])) as found`,
    );
    expect(row).toEqual({ total: 321, found: 1 });
  });

  it('reads json columns parsed, whichever driver hands them over', async () => {
    const [row] = await selectRows(
      target.database.db,
      z.object({ doc: jsonColumn(z.array(z.object({ a: z.number(), b: z.string() }))) }),
      sql`select json_agg(json_build_object('a', x, 'b', 'v' || x) order by x) as doc from generate_series(1, 2) as x`,
    );
    expect(row?.doc).toEqual([
      { a: 1, b: 'v1' },
      { a: 2, b: 'v2' },
    ]);
  });
});
