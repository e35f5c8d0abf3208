import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  createLogger,
  loadConfig,
  MemoryBus,
  openDatabase,
  Outbox,
  queryRows,
  type BusEvent,
  type Database,
  type EventPayloads,
  type EventType,
  type Identity,
  type SQL,
  type SubgraphParts,
} from '@seats/platform';
import type { Context } from '../../src/context.js';
import type { DeliveryOptions } from '../../src/delivery.js';
import { createNotificationsSubgraph } from '../../src/index.js';

export const log = createLogger('notifications-test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** Short timings, so retries happen within a test. */
export const fastDelivery: DeliveryOptions = { intervalMs: 100, retryBaseMs: 100, leaseMs: 10_000 };

/** The notifications subgraph on PGlite in a temp folder and the in-process bus. */
export class NotificationsFixture {
  private constructor(
    readonly bus: MemoryBus,
    readonly database: Database,
    private readonly outbox: Outbox,
    readonly parts: SubgraphParts<Context>,
    private readonly dataDir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<NotificationsFixture> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notifications-test-'));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
    const definition = createNotificationsSubgraph(fastDelivery);
    const database = await openDatabase({
      name: 'notifications',
      url: undefined,
      dataDir,
      migrationsFolder: definition.migrationsFolder,
    });
    const bus = new MemoryBus(log);
    const outbox = new Outbox(database.db, 'notifications', bus, log);
    const parts = await definition.setup({ name: 'notifications', config, database, bus, outbox, log });
    outbox.start();
    return new NotificationsFixture(bus, database, outbox, parts, dataDir);
  }

  context(identity: Identity | null): Context {
    return this.parts.context(identity);
  }

  /** Publishes an event as its producer's outbox relay would. */
  async publish<T extends EventType>(type: T, payload: EventPayloads[T]): Promise<BusEvent<T>> {
    const event: BusEvent<T> = { id: randomUUID(), type, occurredAt: new Date().toISOString(), payload };
    await this.bus.publish(event);
    return event;
  }

  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]> {
    return queryRows<T>(this.database.db, statement);
  }

  async dispose(): Promise<void> {
    await this.parts.dispose?.();
    await this.outbox.dispose();
    await this.bus.dispose();
    await this.database.dispose();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A registered user's event payload. */
export function userRegistered(name = 'Ada Lovelace'): EventPayloads['UserRegistered'] {
  return { userId: randomUUID(), email: `user-${randomUUID()}@test.local`, name };
}

/** A confirmed booking of two seats for 24.50 EUR. */
export function bookingConfirmed(userId: string): EventPayloads['BookingConfirmed'] {
  return {
    bookingId: randomUUID(),
    userId,
    showId: randomUUID(),
    paymentId: randomUUID(),
    total: { amount: 2450, currency: 'EUR' },
    seatIds: ['F12', 'F13'],
    fromStop: null,
    toStop: null,
    version: 7,
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
