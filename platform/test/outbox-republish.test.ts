import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { JSONCodec } from 'nats';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  modes,
  openTestDatabase,
  PrivateNatsServer,
  waitFor,
  outboxSchemaStatements,
  writeMigration,
  type TestDatabase,
} from '../../testkit/src/index.js';
import { NatsBus } from '../src/bus/nats.js';
import { selectRows, sql } from '../src/db/database.js';
import { Outbox } from '../src/db/outbox.js';
import { createLogger } from '../src/logger.js';
import { subgraphMetrics } from '../src/metrics.js';

const log = createLogger('test', 'silent');

// A NATS server that lost its data (a pod without a volume) comes back with
// no stream: what the outboxes had published is gone from it, including
// events no consumer had read yet. The outbox sends them again. Services
// mode only: it empties a private nats-server.
describe.skipIf(!modes.includes('services'))('events the stream lost are sent again (services)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-republish-test-'));
  let nats: PrivateNatsServer;
  let target: TestDatabase;
  let bus: NatsBus;
  let outbox: Outbox;
  const metrics = subgraphMetrics('republish_test');

  beforeAll(async () => {
    nats = await PrivateNatsServer.start();
    writeMigration(path.join(dir, 'migrations'), outboxSchemaStatements('republish_test'));
    target = await openTestDatabase('services', {
      name: 'republish_test',
      migrationsFolder: path.join(dir, 'migrations'),
    });
    bus = await NatsBus.connect(nats.url, `r${randomUUID().slice(0, 8)}`, 'republish-test', log);
    outbox = new Outbox(target.database.db, 'republish_test', bus, log, { metrics });
    outbox.start();
  });
  afterAll(async () => {
    await outbox?.dispose();
    await bus?.dispose();
    await target?.dispose();
    await nats?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = () =>
    target.database.db.transaction((tx) =>
      outbox.record(tx, 'UserRegistered', { userId: randomUUID(), email: 'a@example.com', name: 'A' }),
    );
  const unpublished = async () =>
    (
      await selectRows(
        target.database.db,
        z.object({ id: z.string() }),
        sql`select id from republish_test.outbox where published_at is null`,
      )
    ).length;
  /** The event ids in the stream, in stream order. */
  const streamIds = async () => {
    const { state } = await bus.manager.streams.info(bus.streamName);
    const ids: string[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
      const message = await bus.manager.streams.getMessage(bus.streamName, { seq });
      ids.push(JSONCodec<{ id: string }>().decode(message.data).id);
    }
    return ids;
  };
  const republished = async () =>
    /repair="event_republished"[^}]*} (\d+)/.exec(
      await metrics.registry.getSingleMetricAsString('seats_repairs_total'),
    )?.[1];

  it('finds nothing to send again while the stream keeps what it was given', async () => {
    const before = await Promise.all([record(), record()]);
    outbox.kick();
    await waitFor(async () => (await unpublished()) === 0);
    expect(await outbox.republishLost()).toBe(0);
    expect(await streamIds()).toEqual(expect.arrayContaining(before.map((e) => e.id)));
    // Another instance starting now (seconds after the stream was made) sends nothing again either:
    // a repeat would reach live watchers as an old change.
    const second = new Outbox(target.database.db, 'republish_test', bus, log, { metrics });
    try {
      expect(await second.republishLost()).toBe(0);
      expect(await unpublished()).toBe(0);
    } finally {
      await second.dispose();
    }
  });

  it('sends every published event again, once, after the server comes back without its data', async () => {
    const lost = [await record(), await record(), await record()];
    outbox.kick();
    await waitFor(async () => (await unpublished()) === 0);
    const all = await streamIds();
    expect(all).toEqual(expect.arrayContaining(lost.map((e) => e.id)));

    await nats.loseData();
    await nats.resume();
    // The next check after the reconnect finds the stream made anew, and the relay sends every event again.
    await waitFor(async () => (await streamIds().catch(() => [])).length === all.length, 30_000, 200);
    const after = await streamIds();
    expect([...after].sort()).toEqual([...all].sort());
    expect(new Set(after).size).toBe(after.length);
    expect(await republished()).toBe(String(all.length));

    // An event recorded afterwards goes out once, and nothing is sent a third time.
    const later = await record();
    outbox.kick();
    await waitFor(async () => (await unpublished()) === 0);
    expect(await outbox.republishLost()).toBe(0);
    const final = await streamIds();
    expect(final).toHaveLength(all.length + 1);
    expect(final.at(-1)).toBe(later.id);
  });
});
