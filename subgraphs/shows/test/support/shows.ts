/**
 * Runs the shows subgraph's schema in-process on a fresh PGlite database and
 * the in-process bus, without HTTP. Catalog events are published on the bus
 * as the catalog would; ShowScheduled and ShowCancelled events the outbox
 * relays are collected in `published`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { ExecutionResult } from 'graphql';
import {
  createLogger,
  loadConfig,
  MemoryBus,
  openDatabase,
  Outbox,
  queryRows,
  type BusEvent,
  type Db,
  type EventPayloads,
  type EventType,
  type Identity,
  type LayoutSeat,
  type SQL,
} from '@seats/platform';
import { document, inProcessGql, type InProcessGql } from '../../../../stack/test/support/in-process.js';
import { showsSubgraph } from '../../src/index.js';

export const admin: Identity = { userId: randomUUID(), role: 'ADMIN' };
export const user: Identity = { userId: randomUUID(), role: 'USER' };

export interface ShowsFixture {
  db: Db;
  bus: MemoryBus;
  /** ShowScheduled and ShowCancelled events relayed to the bus, in order. */
  published: BusEvent[];
  gql: InProcessGql;
  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]>;
  dispose(): Promise<void>;
}

export type Backend = 'pglite' | 'postgres';

/** PGlite always; Postgres too when TEST_DATABASE_URL is set (real concurrent transactions). */
export const backends: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function startShows(backend: Backend = 'pglite'): Promise<ShowsFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shows-test-'));
  const log = createLogger('test', 'silent');
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const scratch = backend === 'postgres' ? await scratchDatabase() : undefined;
  const database = await openDatabase({
    name: 'shows',
    url: scratch?.url,
    dataDir,
    migrationsFolder: showsSubgraph.migrationsFolder,
  });
  const bus = new MemoryBus(log);
  const outbox = new Outbox(database.db, 'shows', bus, log);
  const published: BusEvent[] = [];
  const record = async (event: BusEvent) => void published.push(event);
  await bus.consume({ durable: 'shows-test', handlers: { ShowScheduled: record, ShowCancelled: record } });
  const parts = await showsSubgraph.setup({ name: 'shows', config, database, bus, outbox, log });
  const schema = buildSubgraphSchema([
    { typeDefs: showsSubgraph.typeDefs, resolvers: parts.resolvers as GraphQLResolverMap<unknown> },
  ]);
  return {
    db: database.db,
    bus,
    published,
    gql: inProcessGql(schema, (identity) => parts.context(identity), admin),
    query: (statement) => queryRows(database.db, statement),
    dispose: async () => {
      await parts.dispose?.();
      await outbox.dispose();
      await bus.dispose();
      await database.dispose();
      await scratch?.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A private database on TEST_DATABASE_URL, dropped afterwards. */
async function scratchDatabase(): Promise<{ url: string; dispose(): Promise<void> }> {
  const server = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `shows_test_${randomBytes(4).toString('hex')}`;
  await server.unsafe(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: async () => {
      await server.unsafe(`drop database if exists ${name} with (force)`);
      await server.end();
    },
  };
}

/** A catalog event as the catalog's outbox would publish it. */
export function catalogEvent<T extends EventType>(
  type: T,
  payload: EventPayloads[T],
  occurredAt = new Date(),
): BusEvent<T> {
  return { id: randomUUID(), type, occurredAt: occurredAt.toISOString(), payload };
}

export const seat = (seatId: string, category: string): LayoutSeat => ({
  seatId,
  label: seatId,
  row: seatId.slice(0, 1),
  // The number after the row or coach: "F12" → 12, "C2-45" → 45.
  number: Number(seatId.split(/\D+/).pop()),
  category,
  x: 0,
  y: 0,
});

/** A three-stop route: origin, a stop at 40/42 minutes, terminus at 95. */
export const route = (stationIds: [string, string, string]) => [
  { stationId: stationIds[0], name: 'Northport', arrivesAfterMinutes: null, departsAfterMinutes: 0 },
  { stationId: stationIds[1], name: 'Millbrook', arrivesAfterMinutes: 40, departsAfterMinutes: 42 },
  { stationId: stationIds[2], name: 'Southgate', arrivesAfterMinutes: 95, departsAfterMinutes: null },
];

/** Polls until `check` returns a value. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Documents for this subgraph's own schema are typed by hand with what they
// answer and take (codegen types documents for the composed API only).
export { document };

/** A show as scheduleScreening and scheduleTrip answer it. */
export interface ScheduledShow {
  id: string;
  kind: 'SCREENING' | 'TRIP';
  startsAt: string;
  endsAt: string;
  status: string;
  movie: { id: string } | null;
  screen: { id: string } | null;
  train: { id: string } | null;
  stops: Array<{ index: number; station?: { id: string }; arrivesAt?: string | null; departsAt?: string | null }>;
  prices: Array<{ category: string; amount: number; currency: string }>;
}

type Input = { input: Record<string, unknown> };

/** `_entities` for the given representations; what each entity holds is the test's to compare. */
export const entities = <E = unknown>(selection: string) =>
  document<{ _entities: Array<E | null> }, { reps: Array<Record<string, unknown>> }>(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ${selection} } }`,
  );

/** The code and field of a result's first error. */
export function firstError(result: ExecutionResult<unknown>): { code: unknown; field: unknown } | undefined {
  const error = result.errors?.[0];
  return error && { code: error.extensions?.code, field: error.extensions?.field };
}

/** A whole minute at least `days` days from now (far from other tests' shows). */
export function future(days: number, minutes = 0): Date {
  const at = new Date(Date.now() + days * 86_400_000 + minutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

export const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

export const scheduleScreening = document<
  { scheduleScreening: ScheduledShow },
  Input
>(`mutation($input: ScheduleScreeningInput!) {
  scheduleScreening(input: $input) {
    id kind startsAt endsAt status movie { id } screen { id } train { id } stops { index } prices { category amount currency }
  }
}`);
export const scheduleTrip = document<{ scheduleTrip: ScheduledShow }, Input>(`mutation($input: ScheduleTripInput!) {
  scheduleTrip(input: $input) {
    id kind startsAt endsAt status train { id } movie { id }
    stops { index station { id } arrivesAt departsAt } prices { category amount currency }
  }
}`);
