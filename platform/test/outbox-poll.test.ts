import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countQueries,
  modes,
  openTestDatabase,
  outboxSchemaStatements,
  waitFor,
  writeMigration,
  type TestDatabase,
} from '../../testkit/src/index.js';
import { MemoryBus } from '../src/bus/memory.js';
import type { BusEvent } from '../src/events.js';
import { selectRows, sql } from '../src/db/database.js';
import { Outbox } from '../src/db/outbox.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('test', 'silent');
const pollMs = 50;

describe.each(modes)('outbox poll (%s)', (mode) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-poll-test-'));
  let target: TestDatabase;
  let bus: MemoryBus;
  let outbox: Outbox;
  const delivered: string[] = [];

  beforeAll(async () => {
    writeMigration(path.join(dir, 'migrations'), outboxSchemaStatements('poll_test'));
    target = await openTestDatabase(mode, { name: 'poll_test', migrationsFolder: path.join(dir, 'migrations') });
    bus = new MemoryBus(log);
    await bus.consume({
      durable: 'poll-test',
      handlers: {
        UserRegistered: async (event: BusEvent<'UserRegistered'>) => void delivered.push(event.id),
      },
    });
    outbox = new Outbox(target.database.db, 'poll_test', bus, log, { pollMs });
  });
  afterAll(async () => {
    await outbox?.dispose();
    await bus?.dispose();
    await target?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const unpublished = async () =>
    (
      await selectRows(
        target.database.db,
        z.object({ id: z.string() }),
        sql`select id from poll_test.outbox where published_at is null`,
      )
    ).length;

  it('costs one statement per poll while idle, and still relays what no commit kicked', async () => {
    // Timers started inside the count keep its context: every statement of the polls is counted.
    const { queries } = await countQueries(async () => {
      outbox.start();
      await new Promise((resolve) => setTimeout(resolve, 20 * pollMs));
    });
    const locks = queries.filter((q) => q.includes('pg_try_advisory_xact_lock')).length;
    const checks = queries.filter((q) => q.includes('select exists')).length;
    // The first poll relays (one locked pass, after the in-process bus's requeue); every later one
    // is a single read that found nothing.
    expect(locks).toBe(1);
    expect(checks).toBeGreaterThanOrEqual(5);
    expect(queries.length).toBeLessThanOrEqual(checks + 3);

    // A row another instance wrote (no kick here): the next poll finds it and relays it.
    const id = randomUUID();
    await target.database.db.execute(
      sql`insert into poll_test.outbox (id, type, payload, occurred_at)
          values (${id}, 'UserRegistered', ${JSON.stringify({ userId: randomUUID(), email: 'a@example.com', name: 'A' })}::jsonb, now())`,
    );
    await waitFor(async () => (await unpublished()) === 0);
    await waitFor(() => delivered.includes(id));
  });
});
