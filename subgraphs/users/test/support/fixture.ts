import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { expect } from 'vitest';
import {
  createLogger,
  loadConfig,
  MemoryBus,
  openDatabase,
  Outbox,
  queryRows,
  type BusEvent,
  type Database,
  type PlatformConfig,
  type SQL,
} from '@seats/platform';
import type { UsersServices } from '../../src/context.js';
import { createUsersServices, usersSubgraph } from '../../src/index.js';

export type Backend = 'pglite' | 'postgres';

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; a real Postgres too when TEST_DATABASE_URL is given. */
export const backends: Backend[] = testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite'];

export const log = createLogger('users-test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** Session lifetimes the tests reason about. */
export const idleSeconds = 3600;
export const absoluteSeconds = 4 * 3600;

/**
 * The users services on a fresh database (PGlite in a temp folder, or a new
 * Postgres database), with an in-process bus, the real outbox, and a clock
 * the test moves forward.
 */
export class UsersFixture {
  /** Events as they reached the bus. */
  readonly published: Array<BusEvent<'UserRegistered'>> = [];
  private offsetMs = 0;

  private constructor(
    readonly services: UsersServices,
    readonly config: PlatformConfig,
    readonly database: Database,
    readonly bus: MemoryBus,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(backend: Backend): Promise<UsersFixture> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-test-'));
    const target = backend === 'postgres' ? await createDatabase() : undefined;
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      REFRESH_TOKEN_IDLE_SECONDS: String(idleSeconds),
      REFRESH_TOKEN_ABSOLUTE_SECONDS: String(absoluteSeconds),
    });
    const database = await openDatabase({
      name: 'users',
      url: target?.url,
      dataDir,
      migrationsFolder: usersSubgraph.migrationsFolder,
    });
    const bus = new MemoryBus(log);
    const outbox = new Outbox(database.db, 'users', bus, log);
    let fixture: UsersFixture | undefined;
    const now = () => fixture?.now() ?? new Date();
    const services = await createUsersServices({ db: database.db, outbox, log, config, now });
    fixture = new UsersFixture(services, config, database, bus, async () => {
      await outbox.dispose();
      await bus.dispose();
      await database.dispose();
      await target?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    await bus.consume({
      durable: 'test-recorder',
      handlers: { UserRegistered: async (event) => void fixture.published.push(event) },
    });
    return fixture;
  }

  /** The sessions' clock. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the sessions' clock forward. */
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]> {
    return queryRows<T>(this.database.db, statement);
  }

  dispose(): Promise<void> {
    return this.cleanup();
  }
}

/** A fresh Postgres database for one fixture, dropped afterwards. */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(testDatabaseUrl!, { max: 1, onnotice: () => {} });
  const name = `users_test_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(testDatabaseUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A registration input with a unique email and a policy-conforming password. */
export function newUser(overrides: Partial<{ email: string; password: string; name: string }> = {}) {
  return {
    email: `user-${randomUUID()}@example.com`,
    password: `pw-${randomBytes(9).toString('base64url')}`,
    name: 'Ada Lovelace',
    ...overrides,
  };
}

/** Asserts that a promise fails with a coded GraphQL error (and, for BAD_USER_INPUT, the field). */
export async function expectCode(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  const extensions = field === undefined ? { code } : { code, field };
  await expect(promise).rejects.toMatchObject({ extensions });
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
