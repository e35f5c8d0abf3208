import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pgSchema } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  modes,
  openTestBus,
  openTestDatabase,
  testEnvironment,
  waitFor,
  writeMigration,
  type TestDatabase,
} from '../../testkit/src/index.js';
import { queryRows, sql, type Database, type Tx } from '../src/db/database.js';
import { defineProcessedEvents, onceInTransaction, type EventClaims } from '../src/db/processed-events.js';
import { createLogger } from '../src/logger.js';

const log = createLogger('test', testEnvironment.logLevel);

const processedEvents = defineProcessedEvents(pgSchema('once_test'));
const claims = (consumer: string): EventClaims => ({ table: processedEvents, consumer });

/** The processed-events table, and a table the handlers write their effect to. */
const migration = [
  'create schema once_test',
  `create table once_test.processed_events (consumer text not null, event_id uuid not null,
  processed_at timestamptz not null default now(), primary key (consumer, event_id))`,
  'create table once_test.effects (consumer text not null, event_id uuid not null)',
];

/** PGlite and the in-process bus (embedded); Postgres with concurrent transactions, and JetStream (services). */
describe.each(modes)('onceInTransaction (%s)', (mode) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'once-test-'));
  let target: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    writeMigration(path.join(dir, 'migrations'), migration);
    target = await openTestDatabase(mode, { name: 'once_test', migrationsFolder: path.join(dir, 'migrations') });
    database = target.database;
  });
  afterAll(async () => {
    await target?.dispose();
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
    const event = { id: randomUUID(), type: 'MovieUpserted' as const, occurredAt: new Date().toISOString() };
    const results: Array<string | undefined> = [];
    const transport = await openTestBus(mode, { name: 'once-test', log });
    const { bus } = transport;
    try {
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
      await waitFor(() => results.length >= 2, 5000);
    } finally {
      await transport.dispose();
    }
    expect(results).toEqual(['done', undefined]);
    expect(await effectsOf(event.id)).toEqual(['bus']);
  });
});
