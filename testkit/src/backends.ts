/**
 * The database and the bus of one fixture in either mode, each with a
 * `dispose()` that also removes what was made for it: the temporary folder
 * of PGlite, the scratch database, the JetStream stream of its prefix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { MemoryBus, NatsBus, openDatabase, type Database, type EventBus, type Logger } from '@seats/platform';
import { serviceUrl, type Mode } from './modes.js';
import { recordQuery } from './queries.js';
import { scratchDatabase } from './scratch-database.js';
import { Teardown } from './teardown.js';

/** A migrated database for one fixture. */
export interface TestDatabase {
  readonly database: Database;
  /** The scratch database's URL in services mode; undefined for PGlite. */
  readonly url: string | undefined;
  /** Closes the database, then drops the scratch database or removes PGlite's folder. */
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** The Postgres schema and migrations table name, as `openDatabase` takes it (a subgraph's name). */
  name: string;
  migrationsFolder: string;
  /** Where PGlite keeps its files; a temporary folder of its own (removed on dispose) by default. */
  dataDir?: string;
  /** Postgres connections in services mode (the platform's default otherwise). */
  poolSize?: number;
}

/**
 * Embedded: PGlite in a temporary folder. Services: a scratch database on
 * TEST_DATABASE_URL. Either way with the migrations applied.
 */
export async function openTestDatabase(mode: Mode, options: TestDatabaseOptions): Promise<TestDatabase> {
  const teardown = new Teardown();
  return teardown.guard(async () => {
    let dataDir = options.dataDir;
    if (!dataDir) {
      const made = fs.mkdtempSync(path.join(os.tmpdir(), `${options.name}-test-`));
      teardown.add(() => fs.rmSync(made, { recursive: true, force: true }));
      dataDir = made;
    }
    const scratch = mode === 'services' ? await scratchDatabase(`${options.name}_test`) : undefined;
    if (scratch) teardown.add(() => scratch.dispose());
    const database = await openDatabase({
      name: options.name,
      url: scratch?.url,
      dataDir,
      migrationsFolder: options.migrationsFolder,
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      onQuery: recordQuery,
    });
    teardown.add(() => database.dispose());
    return { database, url: scratch?.url, dispose: () => teardown.run() };
  });
}

/** The bus of one fixture. */
export interface TestBus {
  readonly bus: EventBus;
  /** The NATS server in services mode; undefined for the in-process bus. */
  readonly natsUrl: string | undefined;
  /** The prefix of every subject (and of the stream name) on NATS, unique to this bus. */
  readonly prefix: string;
  /** Closes the bus, then deletes its stream on NATS. */
  dispose(): Promise<void>;
}

/**
 * Embedded: the in-process bus. Services: JetStream on TEST_NATS_URL under
 * a fresh prefix, so that test files running in parallel never see each
 * other's events, and consumers' durable names never meet.
 */
export async function openTestBus(mode: Mode, options: { name: string; log: Logger }): Promise<TestBus> {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  if (mode === 'embedded') {
    const bus = new MemoryBus(options.log);
    return { bus, natsUrl: undefined, prefix, dispose: () => bus.dispose() };
  }
  const natsUrl = serviceUrl('nats');
  const bus = await NatsBus.connect(natsUrl, prefix, options.name, options.log);
  return {
    bus,
    natsUrl,
    prefix,
    dispose: async () => {
      await bus.dispose();
      await deleteStream(natsUrl, bus.streamName);
    },
  };
}

/** Deletes a stream over a connection of its own (the bus's is drained by then). */
async function deleteStream(natsUrl: string, stream: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}
