import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modes, PrivatePostgres, waitFor, writeMigration, type StopMode } from '../../testkit/src/index.js';
import { openDatabase, selectRows, sql, type Database } from '../src/db/database.js';

// A restart of Postgres under load must cost failed statements, never the
// process: the pool reconnects and the next statements succeed. The suite
// restarts a private cluster; it runs where services mode runs (the machine
// has Postgres), and CI refuses to run without that.
describe.skipIf(!modes.includes('services'))('a Postgres restart under load (services)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'database-restart-test-'));
  let server: PrivatePostgres;
  let database: Database;

  beforeAll(async () => {
    server = await PrivatePostgres.start();
    writeMigration(path.join(dir, 'migrations'), [
      'create schema restart_test',
      'create table restart_test.counters (id int primary key, value bigint not null)',
      'insert into restart_test.counters select i, 0 from generate_series(1, 20) i',
    ]);
    database = await openDatabase({
      name: 'restart_test',
      url: server.url,
      dataDir: dir,
      migrationsFolder: path.join(dir, 'migrations'),
      poolSize: 10,
    });
  }, 60_000);
  afterAll(async () => {
    await database?.dispose();
    await server?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = z.object({ value: z.coerce.number() });

  /** One client's work: short transactions (a reserved connection each) and single statements, in turn. */
  const work = async (client: number, until: () => boolean) => {
    const outcome = { ok: 0, failed: 0 };
    for (let i = 0; !until(); i++) {
      try {
        if (i % 2 === 0) {
          await database.db.transaction(async (tx) => {
            await tx.execute(sql`select value from restart_test.counters where id = ${client} for update`);
            await tx.execute(sql`update restart_test.counters set value = value + 1 where id = ${client}`);
          });
        } else {
          await selectRows(database.db, count, sql`select value from restart_test.counters where id = ${client}`);
        }
        outcome.ok++;
      } catch {
        outcome.failed++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return outcome;
  };

  it.each<StopMode>(['fast', 'immediate', 'fast'])(
    'rides out a restart (-m %s) with 20 clients busy, and serves again',
    async (mode) => {
      let done = false;
      const clients = Promise.all(Array.from({ length: 20 }, (_, i) => work(i + 1, () => done)));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await server.restart(mode);
      // Every statement succeeds again once the pool has reconnected.
      await waitFor(
        async () => {
          try {
            await database.ping();
            return true;
          } catch {
            return false;
          }
        },
        30_000,
        100,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      done = true;
      const outcomes = await clients;
      expect(outcomes.reduce((sum, o) => sum + o.ok, 0)).toBeGreaterThan(0);
      const after = await work(
        1,
        (() => {
          let left = 20;
          return () => left-- <= 0;
        })(),
      );
      expect(after).toEqual({ ok: 20, failed: 0 });
    },
    90_000,
  );
});
