/**
 * One subgraph in-process, without HTTP, on the database and bus of a mode:
 * its migrations applied, its `setup(runtime)` run as the platform runs it,
 * its schema built, and `gql` to execute documents against that schema with
 * the context the subgraph builds for a caller.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import {
  createLogger,
  loadConfig,
  Outbox,
  subgraphMetrics,
  queryRows,
  type BaseContext,
  type BusEvent,
  type Database,
  type Db,
  type EventBus,
  type EventPayloads,
  type EventType,
  type Identity,
  type Logger,
  type PlatformConfig,
  type SQL,
  type SubgraphDefinition,
  type SubgraphName,
  type SubgraphParts,
} from '@seats/platform';
import { openTestBus, openTestDatabase } from './backends.js';
import { publishEvent, recordEvents } from './events.js';
import { inProcessGql, type InProcessGql } from './gql.js';
import { testEnvironment, type Mode } from './modes.js';
import { Teardown } from './teardown.js';

export interface SubgraphHarnessOptions {
  mode: Mode;
  /** Extra configuration, as environment variables (e.g. `{ HOLD_TTL_SECONDS: '2' }`). */
  env?: Record<string, string>;
  /** Who `gql` runs as when a call names nobody; anonymous by default. */
  caller?: Identity | null;
}

/** A running subgraph and everything it runs on; `dispose()` closes it all. */
export interface SubgraphHarness<Ctx extends BaseContext> {
  readonly mode: Mode;
  readonly name: SubgraphName;
  readonly config: PlatformConfig;
  readonly log: Logger;
  readonly database: Database;
  /** The subgraph's drizzle database (`database.db`). */
  readonly db: Db;
  readonly bus: EventBus;
  /** The subgraph's outbox; it relays when a service kicks it after a commit (no polling). */
  readonly outbox: Outbox;
  /** What `setup` returned: resolvers, the context builder and the workers' dispose. */
  readonly parts: SubgraphParts<Ctx>;
  readonly schema: GraphQLSchema;
  /** The context the subgraph's resolvers get for a caller. */
  context(identity: Identity | null): Ctx;
  /** Executes a document against the subgraph's schema (see `inProcessGql`). */
  readonly gql: InProcessGql;
  /**
   * Collects the events of the given types that reach the bus, in delivery
   * order, through a consumer of its own (see `recordEvents`).
   */
  record<T extends EventType>(...types: T[]): Promise<Array<BusEvent<T>>>;
  /** Publishes an event on the bus as its source subgraph would (the catalog's, say). */
  publish<T extends EventType>(type: T, payload: EventPayloads[T], occurredAt?: Date): Promise<BusEvent<T>>;
  /** Raw rows of a statement on the subgraph's database, unchecked: for assertions on tables. */
  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]>;
  /** Stops the subgraph's workers, the outbox, the bus and the database, then removes what was made for them. */
  dispose(): Promise<void>;
}

/**
 * Starts a subgraph in-process in a mode: PGlite and the in-process bus, or
 * a scratch Postgres database and NATS under a prefix of its own.
 *
 * @example
 * const shows = await startSubgraph(showsSubgraph, { mode, caller: admin });
 * const result = await shows.gql(scheduleScreening, { input });
 * await shows.dispose();
 */
export async function startSubgraph<Ctx extends BaseContext>(
  definition: SubgraphDefinition<Ctx>,
  options: SubgraphHarnessOptions,
): Promise<SubgraphHarness<Ctx>> {
  const { name } = definition;
  const { mode } = options;
  const teardown = new Teardown();
  return teardown.guard(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-test-`));
    teardown.add(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const log = createLogger(`${name}-test`, testEnvironment.logLevel);
    const target = await openTestDatabase(mode, { name, migrationsFolder: definition.migrationsFolder, dataDir });
    teardown.add(() => target.dispose());
    const transport = await openTestBus(mode, { name: `${name}-test`, log });
    teardown.add(() => transport.dispose());
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: testEnvironment.logLevel,
      ...(target.url ? { DATABASE_URL: target.url } : {}),
      ...(transport.natsUrl ? { NATS_URL: transport.natsUrl, BUS_PREFIX: transport.prefix } : {}),
      ...options.env,
    });
    const { database } = target;
    const { bus } = transport;
    const metrics = subgraphMetrics(name);
    const outbox = new Outbox(database.db, name, bus, log, { metrics });
    teardown.add(() => outbox.dispose());
    const parts = await definition.setup({ name, config, database, bus, outbox, metrics, log });
    teardown.add(() => parts.dispose?.());
    const schema = buildSubgraphSchema([
      { typeDefs: definition.typeDefs, resolvers: parts.resolvers as GraphQLResolverMap<unknown> },
    ]);
    let recorders = 0;
    return {
      mode,
      name,
      config,
      log,
      database,
      db: database.db,
      bus,
      outbox,
      parts,
      schema,
      context: (identity) => parts.context(identity),
      gql: inProcessGql(schema, (identity) => parts.context(identity), options.caller ?? null),
      record: (...types) => recordEvents(bus, `${name}-test-recorder-${++recorders}`, types),
      publish: (type, payload, occurredAt) => publishEvent(bus, type, payload, occurredAt),
      query: (statement) => queryRows(database.db, statement),
      dispose: () => teardown.run(),
    };
  });
}
