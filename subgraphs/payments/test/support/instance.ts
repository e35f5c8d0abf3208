import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import {
  createLogger,
  loadConfig,
  MemoryBus,
  openDatabase,
  Outbox,
  queryRows,
  requestSubjects,
  type BusEvent,
  type ChargeReply,
  type ChargeRequest,
  type Database,
  type Identity,
  type RefundReply,
  type SQL,
  type SubgraphParts,
} from '@seats/platform';
import type { Context } from '../../src/context.js';
import { paymentsSubgraph } from '../../src/index.js';

export type Backend = 'pglite' | 'postgres';

const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; a real Postgres too when TEST_DATABASE_URL is given. */
export const backends: Backend[] = testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite'];

export const log = createLogger('payments-test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** One running payments instance: its own database handle, outbox relay and workers. */
export interface PaymentsInstance {
  database: Database;
  outbox: Outbox;
  parts: SubgraphParts<Context>;
  context(identity: Identity | null): Context;
}

/**
 * A payments deployment for tests: one database (PGlite in a temp folder, or
 * a fresh Postgres database), one in-process bus, and as many instances as
 * asked for, each with its own connection (pool) on Postgres.
 */
export class PaymentsFixture {
  readonly instances: PaymentsInstance[] = [];
  /** Payment events as they reached the bus. */
  readonly published: Array<BusEvent<'PaymentSucceeded' | 'PaymentFailed' | 'RefundIssued'>> = [];

  private constructor(
    readonly bus: MemoryBus,
    private readonly target: { dataDir: string; url: string | undefined; dropDatabase?: () => Promise<void> },
  ) {}

  static async start(backend: Backend, instanceCount = 1): Promise<PaymentsFixture> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'payments-test-'));
    const target = backend === 'postgres' ? { dataDir, ...(await createDatabase()) } : { dataDir, url: undefined };
    const fixture = new PaymentsFixture(new MemoryBus(log), target);
    const record = async (event: (typeof fixture.published)[number]) => void fixture.published.push(event);
    await fixture.bus.consume({
      durable: 'test-recorder',
      handlers: { PaymentSucceeded: record, PaymentFailed: record, RefundIssued: record },
    });
    for (let i = 0; i < instanceCount; i++) await fixture.addInstance();
    return fixture;
  }

  /** Starts another instance on the same database and bus. */
  async addInstance(): Promise<PaymentsInstance> {
    const config = loadConfig({ DATA_DIR: this.target.dataDir, LOG_LEVEL: 'silent' });
    // PGlite is one embedded engine per folder: instances share it, as they would share a server.
    const database =
      this.target.url || this.instances.length === 0
        ? await openDatabase({
            name: 'payments',
            url: this.target.url,
            dataDir: this.target.dataDir,
            migrationsFolder: paymentsSubgraph.migrationsFolder,
          })
        : this.instances[0]!.database;
    const outbox = new Outbox(database.db, 'payments', this.bus, log);
    const runtime = { name: 'payments' as const, config, database, bus: this.bus, outbox, log };
    const parts = await paymentsSubgraph.setup(runtime);
    outbox.start();
    const instance = { database, outbox, parts, context: (identity: Identity | null) => parts.context(identity) };
    this.instances.push(instance);
    return instance;
  }

  get db() {
    return this.instances[0]!.database.db;
  }

  /** Sends a charge request the way bookings does. */
  charge(request: unknown): Promise<ChargeReply> {
    return this.bus.request<ChargeReply>(requestSubjects.charge, request, 5000);
  }

  /** Sends a refund request the way bookings does. */
  refund(request: unknown): Promise<RefundReply> {
    return this.bus.request<RefundReply>(requestSubjects.refund, request, 5000);
  }

  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]> {
    return queryRows<T>(this.db, statement);
  }

  async dispose(): Promise<void> {
    const databases = new Set<Database>();
    for (const instance of this.instances) {
      await instance.parts.dispose?.();
      await instance.outbox.dispose();
      databases.add(instance.database);
    }
    await this.bus.dispose();
    for (const database of databases) await database.dispose();
    await this.target.dropDatabase?.();
    fs.rmSync(this.target.dataDir, { recursive: true, force: true });
  }
}

/** A valid charge request with fresh ids; override any field. */
export function chargeRequest(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  return {
    idempotencyKey: `key-${randomUUID()}`,
    requestHash: `hash-${randomUUID()}`,
    bookingId: randomUUID(),
    userId: randomUUID(),
    amount: { amount: 2450, currency: 'EUR' },
    token: 'tok_visa',
    ...overrides,
  };
}

/** Polls until `check` returns something truthy, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function createDatabase(): Promise<{ url: string; dropDatabase: () => Promise<void> }> {
  const admin = postgres(testDatabaseUrl!, { max: 1, onnotice: () => {} });
  const name = `payments_test_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(testDatabaseUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dropDatabase: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
