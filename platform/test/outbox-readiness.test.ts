import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  modes,
  openTestDatabase,
  waitFor,
  outboxSchemaStatements,
  writeMigration,
  type TestDatabase,
} from '../../testkit/src/index.js';
import { MemoryBus } from '../src/bus/memory.js';
import type { OutboundEvent } from '../src/bus/types.js';
import { selectRows, sql } from '../src/db/database.js';
import { Outbox } from '../src/db/outbox.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('test', 'silent');

/** The embedded bus, refusing every event while `refusing` is set (a stream that is gone, say). */
class RefusingBus extends MemoryBus {
  refusing = false;

  override async publish(event: OutboundEvent): Promise<void> {
    if (this.refusing) throw new Error('no stream for the subject');
    return super.publish(event);
  }
}

describe.each(modes)('outbox readiness (%s)', (mode) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-readiness-test-'));
  let target: TestDatabase;
  let bus: RefusingBus;
  let outbox: Outbox;

  beforeAll(async () => {
    writeMigration(path.join(dir, 'migrations'), outboxSchemaStatements('outbox_test'));
    target = await openTestDatabase(mode, { name: 'outbox_test', migrationsFolder: path.join(dir, 'migrations') });
    bus = new RefusingBus(log);
    outbox = new Outbox(target.database.db, 'outbox_test', bus, log);
  });
  afterAll(async () => {
    await outbox?.dispose();
    await bus?.dispose();
    await target?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = () =>
    target.database.db.transaction((tx) =>
      outbox.record(tx, 'UserRegistered', { userId: randomUUID(), email: 'a@example.com', name: 'A' }),
    );
  const unrelayed = async () =>
    (
      await selectRows(
        target.database.db,
        z.object({ id: z.string() }),
        sql`select id from outbox_test.outbox where published_at is null`,
      )
    ).length;

  it('is ready while the events it cannot relay are recent, and not once the oldest is stuck', async () => {
    await expect(outbox.checkDraining()).resolves.toBeUndefined();
    bus.refusing = true;
    await record();
    outbox.kick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await unrelayed()).toBe(1);
    // A backlog younger than the limit is no failure: it may be draining.
    await expect(outbox.checkDraining()).resolves.toBeUndefined();
    await target.database.db.execute(sql`update outbox_test.outbox set occurred_at = now() - interval '1 minute'`);
    await expect(outbox.checkDraining()).rejects.toThrow(/oldest unrelayed event is 60 s old/);

    bus.refusing = false;
    outbox.kick();
    await waitFor(async () => (await unrelayed()) === 0);
    await expect(outbox.checkDraining()).resolves.toBeUndefined();
  });
});
