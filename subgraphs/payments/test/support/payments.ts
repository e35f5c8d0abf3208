/**
 * A payments deployment for tests: the subgraph started by the testkit on a
 * mode's database and bus, and as many more instances beside it as asked
 * for, as several processes share one database and one bus in production.
 * Requests reach them the way bookings sends them (`charge`, `refund`).
 */
import { randomUUID } from 'node:crypto';
import {
  NatsBus,
  openDatabase,
  Outbox,
  subgraphMetrics,
  requestSubjects,
  type BusEvent,
  type ChargeReply,
  type ChargeRequest,
  type Database,
  type EventBus,
  type Identity,
  type RefundReply,
  type SQL,
  type SubgraphParts,
} from '@seats/platform';
import { startSubgraph, Teardown, type Mode, type SubgraphHarness } from '@seats/testkit';
import type { Context } from '../../src/context.js';
import { paymentsSubgraph } from '../../src/index.js';

export type PaymentsHarness = SubgraphHarness<Context>;

/** One running payments instance: its database handle, bus connection, outbox relay and workers. */
export interface PaymentsInstance {
  database: Database;
  bus: EventBus;
  outbox: Outbox;
  parts: SubgraphParts<Context>;
  context(identity: Identity | null): Context;
}

type PaymentEvent = BusEvent<'PaymentSucceeded' | 'PaymentFailed' | 'RefundIssued'>;

export class PaymentsFixture {
  readonly instances: PaymentsInstance[];

  private constructor(
    /** The first instance, with the database and bus every other one joins. */
    readonly harness: PaymentsHarness,
    /** Payment events as they reached the bus. */
    readonly published: PaymentEvent[],
    private readonly teardown: Teardown,
  ) {
    const { database, bus, outbox, parts } = harness;
    this.instances = [{ database, bus, outbox, parts, context: (identity) => harness.context(identity) }];
  }

  static async start(mode: Mode, instanceCount = 1): Promise<PaymentsFixture> {
    const teardown = new Teardown();
    return teardown.guard(async () => {
      const harness = await startSubgraph(paymentsSubgraph, { mode });
      teardown.add(() => harness.dispose());
      // Polling as the platform's relay does, so that a kick missed by one instance is found by another.
      harness.outbox.start();
      const published = await harness.record('PaymentSucceeded', 'PaymentFailed', 'RefundIssued');
      const fixture = new PaymentsFixture(harness, published, teardown);
      for (let i = 1; i < instanceCount; i++) await fixture.addInstance();
      return fixture;
    });
  }

  /**
   * Starts another instance on the same database and bus: on Postgres and
   * NATS with connections of its own; on PGlite and the in-process bus
   * sharing the first instance's, as one embedded engine serves one folder.
   */
  async addInstance(): Promise<PaymentsInstance> {
    const { config, log } = this.harness;
    const { database, bus } = this.harness.mode === 'services' ? await this.connect() : this.harness;
    const metrics = subgraphMetrics('payments');
    const outbox = new Outbox(database.db, 'payments', bus, log, { metrics });
    this.teardown.add(() => outbox.dispose());
    const parts = await paymentsSubgraph.setup({ name: 'payments', config, database, bus, outbox, metrics, log });
    this.teardown.add(() => parts.dispose?.());
    outbox.start();
    const instance = { database, bus, outbox, parts, context: (identity: Identity | null) => parts.context(identity) };
    this.instances.push(instance);
    return instance;
  }

  /** A database pool and a NATS connection of their own, on the first instance's database and prefix. */
  private async connect(): Promise<{ database: Database; bus: EventBus }> {
    const { config, log } = this.harness;
    if (!config.databaseUrl || !config.natsUrl) throw new Error('services mode runs on a database and NATS');
    const database = await openDatabase({
      name: 'payments',
      url: config.databaseUrl,
      dataDir: config.dataDir,
      migrationsFolder: paymentsSubgraph.migrationsFolder,
    });
    this.teardown.add(() => database.dispose());
    const name = `payments-test-${this.instances.length}`;
    const bus = await NatsBus.connect(config.natsUrl, config.busPrefix, name, log);
    this.teardown.add(() => bus.dispose());
    return { database, bus };
  }

  get bus(): EventBus {
    return this.harness.bus;
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
    return this.harness.query<T>(statement);
  }

  /** Stops the added instances, last first, then the first one and what it runs on. */
  dispose(): Promise<void> {
    return this.teardown.run();
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
