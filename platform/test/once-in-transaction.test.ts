import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { pgSchema } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../src/bus/memory.js';
import { openDatabase, queryRows, sql, type Database, type Tx } from '../src/db/database.js';
import { defineProcessedEvents, onceInTransaction, type EventClaims } from '../src/db/processed-events.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; a real Postgres too (concurrent transactions) when TEST_DATABASE_URL is given. In CI it must be. */
const backends: Array<'pglite' | 'postgres'> = (() => {
  if (testDatabaseUrl) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error('CI must set TEST_DATABASE_URL: the Postgres suites may not be skipped');
  return ['pglite'];
})();

const processedEvents = defineProcessedEvents(pgSchema('once_test'));
const claims = (consumer: string): EventClaims => ({ table: processedEvents, consumer });

/** A migrations folder with the processed-events table and a table the handlers write their effect to. */
function writeMigrations(dir: string): void {
  fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const entry = { idx: 0, version: '7', when: 1_700_000_000_000, tag: '0000_init', breakpoints: true };
  fs.writeFileSync(
    path.join(dir, 'meta', '_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: [entry] }),
  );
  fs.writeFileSync(
    path.join(dir, '0000_init.sql'),
    `create schema once_test;
--> statement-breakpoint
create table once_test.processed_events (consumer text not null, event_id uuid not null,
  processed_at timestamptz not null default now(), primary key (consumer, event_id));
--> statement-breakpoint
create table once_test.effects (consumer text not null, event_id uuid not null);`,
  );
}

/** A private database on TEST_DATABASE_URL, dropped afterwards. */
async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(testDatabaseUrl ?? '', { max: 1, onnotice: () => {} });
  const name = `once_test_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(testDatabaseUrl ?? '');
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe.each(backends)('onceInTransaction (%s)', (backend) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'once-test-'));
  let database: Database;
  let scratch: { url: string; drop(): Promise<void> } | undefined;

  beforeAll(async () => {
    writeMigrations(path.join(dir, 'migrations'));
    scratch = backend === 'postgres' ? await scratchDatabase() : undefined;
    database = await openDatabase({
      name: 'once_test',
      url: scratch?.url,
      dataDir: dir,
      migrationsFolder: path.join(dir, 'migrations'),
    });
  });
  afterAll(async () => {
    await database?.dispose();
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const effect = (consumer: string, eventId: string) => async (tx: Tx) => {
    await tx.execute(sql`insert into once_test.effects (consumer, event_id) values (${consumer}, ${eventId})`);
    return 'done';
  };
  const effectsOf = async (eventId: string) =>
    (
      await queryRows<{ consumer: string }>(
        database.db,
        sql`select consumer from once_test.effects where event_id = ${eventId} order by consumer`,
      )
    ).map((row) => row.consumer);

  it('runs the work once per event, however often and however concurrently it is delivered', async () => {
    const event = { id: randomUUID() };
    const results = await Promise.all(
      [1, 2, 3].map(() => onceInTransaction(database.db, claims('a'), event, effect('a', event.id))),
    );
    expect(results.sort()).toEqual(['done', undefined, undefined]);
    expect(await onceInTransaction(database.db, claims('a'), event, effect('a', event.id))).toBeUndefined();
    expect(await effectsOf(event.id)).toEqual(['a']);
  });

  it('runs it once for each consumer of the same event', async () => {
    const event = { id: randomUUID() };
    await onceInTransaction(database.db, claims('a'), event, effect('a', event.id));
    await onceInTransaction(database.db, claims('b'), event, effect('b', event.id));
    expect(await effectsOf(event.id)).toEqual(['a', 'b']);
  });

  it('leaves a failed event unclaimed, so its redelivery runs the work', async () => {
    const event = { id: randomUUID() };
    const failing = async (tx: Tx) => {
      await effect('a', event.id)(tx);
      throw new Error('half done');
    };
    await expect(onceInTransaction(database.db, claims('a'), event, failing)).rejects.toThrow('half done');
    expect(await effectsOf(event.id)).toEqual([]);
    expect(await onceInTransaction(database.db, claims('a'), event, effect('a', event.id))).toBe('done');
    expect(await effectsOf(event.id)).toEqual(['a']);
  });

  it('runs a bus handler once when the bus redelivers its event', async () => {
    const bus = new MemoryBus(log);
    const event = { id: randomUUID(), type: 'MovieUpserted' as const, occurredAt: new Date().toISOString() };
    const results: Array<string | undefined> = [];
    await bus.consume({
      durable: 'once-test',
      handlers: {
        MovieUpserted: async (delivered) => {
          results.push(await onceInTransaction(database.db, claims('bus'), delivered, effect('bus', delivered.id)));
          // Fails after its transaction committed (say the process lost the bus before acking): redelivered.
          if (results.length === 1) throw new Error('ack lost');
        },
      },
    });
    await bus.publish({ ...event, payload: { movieId: randomUUID(), title: 'Twice', durationMinutes: 80 } });
    const deadline = Date.now() + 5000;
    while (results.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await bus.dispose();
    expect(results).toEqual(['done', undefined]);
    expect(await effectsOf(event.id)).toEqual(['bus']);
  });
});
