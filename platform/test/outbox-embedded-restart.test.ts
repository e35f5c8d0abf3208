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
import { selectRows, sql } from '../src/db/database.js';
import { Outbox } from '../src/db/outbox.js';
import type { BusEvent } from '../src/events.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('test', 'silent');

// The in-process bus keeps nothing across a restart: an event it handed to a
// consumer that had not finished when the process ended would be gone. The
// outbox keeps each event until every consumer has handled it, and the next
// process sends again what was left.
describe.each(modes)('the in-process bus across a restart (%s)', (mode) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-embedded-restart-test-'));
  let target: TestDatabase;

  beforeAll(async () => {
    writeMigration(path.join(dir, 'migrations'), outboxSchemaStatements('restart_outbox_test'));
    target = await openTestDatabase(mode, {
      name: 'restart_outbox_test',
      migrationsFolder: path.join(dir, 'migrations'),
    });
  });
  afterAll(async () => {
    await target?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One process's bus and outbox, with a consumer whose handler does `handle`. */
  const startProcess = async (handle: (event: BusEvent) => Promise<void>) => {
    const bus = new MemoryBus(log);
    await bus.consume({ durable: 'restart-test-users', handlers: { UserRegistered: handle } });
    const outbox = new Outbox(target.database.db, 'restart_outbox_test', bus, log);
    outbox.start();
    return {
      bus,
      outbox,
      /** Ends the process as a crash would: its pending deliveries are simply gone. */
      end: async () => {
        await outbox.dispose();
        await bus.dispose();
      },
    };
  };
  const record = (outbox: Outbox) =>
    target.database.db.transaction((tx) =>
      outbox.record(tx, 'UserRegistered', { userId: randomUUID(), email: 'a@example.com', name: 'A' }),
    );
  const rowOf = async (id: string) =>
    (
      await selectRows(
        target.database.db,
        z.object({ published: z.boolean(), consumed: z.boolean() }),
        sql`select published_at is not null as published, consumed_at is not null as consumed
            from restart_outbox_test.outbox where id = ${id}`,
      )
    )[0];

  it('delivers after a restart the event a consumer had not finished, and not the ones it had', async () => {
    const seenFirst: string[] = [];
    let stalled = false;
    const first = await startProcess(async (event) => {
      if (stalled) return new Promise(() => {}); // still working when the process ends
      seenFirst.push(event.id);
    });
    const done = await record(first.outbox);
    first.outbox.kick();
    await waitFor(async () => (await rowOf(done.id))?.consumed === true);
    expect(seenFirst).toEqual([done.id]);

    stalled = true;
    const unfinished = await record(first.outbox);
    first.outbox.kick();
    await waitFor(async () => (await rowOf(unfinished.id))?.published === true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await rowOf(unfinished.id)).toEqual({ published: true, consumed: false });
    await first.end();

    const seenSecond: string[] = [];
    const second = await startProcess(async (event) => void seenSecond.push(event.id));
    try {
      await waitFor(async () => (await rowOf(unfinished.id))?.consumed === true, 10_000);
      expect(seenSecond).toEqual([unfinished.id]);
      expect(await rowOf(done.id)).toEqual({ published: true, consumed: true });
    } finally {
      await second.end();
    }
  });

  it('counts an event nobody consumes as consumed, and one a handler keeps failing as not', async () => {
    let failing = true;
    const bus = new MemoryBus(log);
    await bus.consume({
      durable: 'restart-test-failing',
      handlers: {
        UserRegistered: async () => {
          if (failing) throw new Error('not yet');
        },
      },
    });
    const outbox = new Outbox(target.database.db, 'restart_outbox_test', bus, log);
    outbox.start();
    try {
      const unwanted = await target.database.db.transaction((tx) =>
        outbox.record(tx, 'MovieUpserted', { movieId: randomUUID(), title: 'Unwatched', durationMinutes: 90 }),
      );
      const retried = await record(outbox);
      outbox.kick();
      await waitFor(async () => (await rowOf(unwanted.id))?.consumed === true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await rowOf(retried.id)).toEqual({ published: true, consumed: false });
      failing = false;
      await waitFor(async () => (await rowOf(retried.id))?.consumed === true, 10_000);
    } finally {
      await outbox.dispose();
      await bus.dispose();
    }
  });
});
