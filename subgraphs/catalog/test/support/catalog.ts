/**
 * Runs the catalog subgraph's schema in-process on a fresh PGlite database
 * and the in-process bus, without HTTP: enough to exercise resolvers,
 * validation and the outbox. Events the outbox relays are collected in
 * `published`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { ExecutionResult } from 'graphql';
import {
  createLogger,
  loadConfig,
  MemoryBus,
  openDatabase,
  Outbox,
  queryRows,
  type Identity,
  type SQL,
  type BusEvent,
  type Db,
} from '@seats/platform';
import { document, inProcessGql, type InProcessGql } from '../../../../stack/test/support/in-process.js';
import { catalogSubgraph } from '../../src/index.js';

export const admin: Identity = { userId: randomUUID(), role: 'ADMIN' };
export const user: Identity = { userId: randomUUID(), role: 'USER' };

export interface CatalogFixture {
  db: Db;
  /** Events relayed to the bus, in order. */
  published: BusEvent[];
  gql: InProcessGql;
  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]>;
  dispose(): Promise<void>;
}

export async function startCatalog(): Promise<CatalogFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-test-'));
  const log = createLogger('test', 'silent');
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const database = await openDatabase({
    name: 'catalog',
    url: undefined,
    dataDir,
    migrationsFolder: catalogSubgraph.migrationsFolder,
  });
  const bus = new MemoryBus(log);
  const outbox = new Outbox(database.db, 'catalog', bus, log);
  const published: BusEvent[] = [];
  const record = async (event: BusEvent) => void published.push(event);
  await bus.consume({
    durable: 'catalog-test',
    handlers: { MovieUpserted: record, ScreenUpserted: record, TrainUpserted: record },
  });
  const parts = await catalogSubgraph.setup({ name: 'catalog', config, database, bus, outbox, log });
  const schema = buildSubgraphSchema([
    { typeDefs: catalogSubgraph.typeDefs, resolvers: parts.resolvers as GraphQLResolverMap<unknown> },
  ]);
  return {
    db: database.db,
    published,
    gql: inProcessGql(schema, (identity) => parts.context(identity), admin),
    query: (statement) => queryRows(database.db, statement),
    dispose: async () => {
      await parts.dispose?.();
      await outbox.dispose();
      await bus.dispose();
      await database.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Documents for this subgraph's own schema are typed by hand with what they
// answer and take (codegen types documents for the composed API only).
export { document };

export interface Movie {
  id: string;
  title: string;
  description: string;
  durationMinutes: number;
  genres: string[];
  ageRating: string | null;
  languages: string[];
  posterUrl: string | null;
}

export interface Venue {
  id: string;
  name: string;
  city: string;
  address: string;
  screens: Array<{ id: string; name: string; seatCount: number; categories: string[]; venue: { id: string } }>;
}

export interface Station {
  id: string;
  name: string;
}

export interface Train {
  id: string;
  number: string;
  name: string;
  stations: Station[];
  route: Array<{
    index: number;
    station: Station;
    arrivesAfterMinutes: number | null;
    departsAfterMinutes: number | null;
  }>;
  coaches: Array<{ number: number; travelClass: string; seatCount: number }>;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The code and field of a result's first error. */
export function firstError(result: ExecutionResult<unknown>): { code: unknown; field: unknown } | undefined {
  const error = result.errors?.[0];
  return error && { code: error.extensions?.code, field: error.extensions?.field };
}

/** Row letters like spreadsheet columns: A..Z, AA, AB, ... */
export function rowName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export const movieInput = (overrides: Record<string, unknown> = {}) => ({
  title: 'The Lanternkeeper',
  description: 'A lighthouse keeper finds a map in a bottle.',
  durationMinutes: 112,
  genres: ['Drama'],
  ageRating: 'PG',
  languages: ['en'],
  posterUrl: 'https://img.example/lantern.jpg',
  ...overrides,
});

export const venueInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Harbour Pictures',
  city: 'Kiel',
  address: 'Kai 1',
  screens: [
    {
      name: 'Screen 1',
      rows: [
        { row: 'A', from: 1, to: 10, category: 'STANDARD' },
        { row: 'B', from: 1, to: 10, category: 'PREMIUM' },
      ],
    },
  ],
  ...overrides,
});

export const trainInput = (overrides: Record<string, unknown> = {}) => ({
  number: `RX ${Math.floor(Math.random() * 1_000_000)}`,
  name: 'Coastal Express',
  route: [
    { stationName: 'Northport', departsAfterMinutes: 0 },
    { stationName: 'Millbrook', arrivesAfterMinutes: 40, departsAfterMinutes: 42 },
    { stationName: 'Southgate', arrivesAfterMinutes: 95 },
  ],
  coaches: [
    { travelClass: 'FIRST', rows: 2 },
    { travelClass: 'SECOND', rows: 3 },
  ],
  ...overrides,
});

type Input = { input: Record<string, unknown> };

export const createMovie = document<{ createMovie: Movie }, Input>(`mutation($input: CreateMovieInput!) {
  createMovie(input: $input) { id title description durationMinutes genres ageRating languages posterUrl }
}`);
export const createVenue = document<{ createVenue: Venue }, Input>(`mutation($input: CreateVenueInput!) {
  createVenue(input: $input) { id name city address screens { id name seatCount categories venue { id } } }
}`);
export const createTrain = document<{ createTrain: Train }, Input>(`mutation($input: CreateTrainInput!) {
  createTrain(input: $input) {
    id number name
    stations { id name }
    route { index station { id name } arrivesAfterMinutes departsAfterMinutes }
    coaches { number travelClass seatCount }
  }
}`);

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
