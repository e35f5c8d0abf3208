/**
 * Starts the whole platform for a test, on free ports, in one of two modes:
 * `embedded` (PGlite in a temp folder, in-process bus) or `services` (a fresh
 * database on TEST_DATABASE_URL and a private stream prefix on TEST_NATS_URL).
 * Tests in both modes go through the real gateway over HTTP. A stack can
 * also join another one (`joinOf`): more gateway and subgraph instances on the
 * same database and bus, as several processes share them in production.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createLogger, loadConfig, queryRows, subgraphNames, type SQL, type SubgraphName } from '@seats/platform';
import { graphql } from '../generated/index.js';
import { startJoinedParts } from './join.js';
import { createServices, type Services } from './services.js';
import { seedDemoData } from '../../src/seed.js';
import { startStack, type RunningStack } from '../../src/stack.js';

import type { Mode } from '@seats/testkit';

export { modes, waitFor, type Mode } from '@seats/testkit';

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
const testNatsUrl = process.env.TEST_NATS_URL;

export interface GqlResult<T = unknown> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  status: number;
}

export interface TestUser {
  token: string;
  refreshToken: string;
  userId: string;
  email: string;
  password: string;
}

export interface TestStack {
  readonly mode: Mode;
  /** The gateway's /graphql URL. */
  readonly url: string;
  readonly baseUrl: string;
  readonly stack: RunningStack;
  /**
   * Sends a typed document (from `graphql()` in ./generated), or a plain
   * query string whose answer is `unknown` unless the caller names its type.
   */
  gql<T = unknown, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    token?: string,
    options?: RequestOptions,
  ): Promise<GqlResult<T>>;
  register(name?: string): Promise<TestUser>;
  adminToken(): Promise<string>;
  /** Runs SQL in a subgraph's database. */
  query<T = Record<string, unknown>>(subgraph: SubgraphName, statement: SQL): Promise<T[]>;
  dispose(): Promise<void>;
}

/** How one request is sent. */
export interface RequestOptions {
  /** Aborts the request (e.g. `AbortSignal.timeout(ms)`, as a client that stops waiting). */
  signal?: AbortSignal;
}

export interface TestStackOptions {
  /** Extra environment, e.g. { HOLD_TTL_SECONDS: '2' }. */
  env?: Record<string, string>;
  /** Load the demo data through the admin mutations. */
  seed?: boolean;
  /**
   * Run more instances of parts of another test stack (of the same mode): the
   * new stack shares its database, bus (services: NATS URL and BUS_PREFIX),
   * keys, admin account and environment, and creates, seeds and drops
   * nothing. `SERVICES` (default `bookings,gateway`) names its parts; its
   * gateway sends those parts' requests to the new instances and everything
   * else to the other stack's. Embedded, the new subgraph instances reuse the
   * other stack's open PGlite databases and in-process bus. Dispose it before
   * the other stack.
   */
  joinOf?: TestStack;
  /** Services mode: the NATS server to use instead of TEST_NATS_URL (e.g. a private one). */
  natsUrl?: string;
  /** Services mode: the Postgres server to make the scratch database on instead of TEST_DATABASE_URL (e.g. a private one). */
  databaseUrl?: string;
}

/** The environment each stack was configured with, so that a joining stack can reuse it. */
const environments = new WeakMap<TestStack, Record<string, string>>();

export async function startTestStack(mode: Mode, options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-test-'));
  const origin = options.joinOf;
  let services: Services | undefined;
  let stack: RunningStack;
  let env: Record<string, string>;
  try {
    if (origin) {
      if (origin.mode !== mode) throw new Error(`cannot join a ${origin.mode} stack in ${mode} mode`);
      env = { ...joinEnvironment(origin), DATA_DIR: dataDir, ...options.env };
    } else {
      const tag = randomBytes(4).toString('hex');
      services =
        mode === 'services'
          ? await createServices(tag, options.databaseUrl ?? testDatabaseUrl, options.natsUrl ?? testNatsUrl)
          : undefined;
      env = {
        DATA_DIR: dataDir,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        ADMIN_EMAIL: `admin-${tag}@test.local`,
        ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
        ...(services ? { DATABASE_URL: services.databaseUrl, NATS_URL: services.natsUrl, BUS_PREFIX: `t${tag}` } : {}),
        ...options.env,
      };
    }
    const config = loadConfig(env);
    const log = createLogger('test', config.logLevel);
    stack =
      origin && mode === 'embedded'
        ? await startJoinedParts(origin.stack, config, log)
        : await startStack({ config, log, randomPorts: true });
  } catch (err) {
    await services?.dispose().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const test = makeTestStack(mode, stack, env, origin, async () => {
    await stack.dispose();
    await services?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  environments.set(test, env);
  if (options.seed && !origin) {
    try {
      await seedTestStack(test);
    } catch (err) {
      await test.dispose().catch(() => {});
      throw err;
    }
  }
  return test;
}

/**
 * The environment a stack was started with, with its keys folder: what a
 * part of the platform started as a child process needs to join it (its
 * database, bus prefix, keys, admin account and settings).
 */
export function environmentOf(test: TestStack): Record<string, string> {
  const env = environments.get(test);
  if (!env) throw new Error('environmentOf needs a stack started by startTestStack');
  return { ...env, KEYS_DIR: test.stack.config.keysDir };
}

/** What a joining stack inherits: the other stack's environment, keys and subgraph URLs. */
function joinEnvironment(origin: TestStack): Record<string, string> {
  const env = environments.get(origin);
  if (!env) throw new Error('joinOf needs a stack started by startTestStack');
  const urls: Record<string, string> = {};
  for (const name of subgraphNames) {
    const running = origin.stack.subgraphs[name];
    if (running) urls[`${name.toUpperCase()}_URL`] = running.url;
  }
  return { ...env, KEYS_DIR: origin.stack.config.keysDir, SERVICES: 'bookings,gateway', ...urls };
}

function makeTestStack(
  mode: Mode,
  stack: RunningStack,
  env: Record<string, string>,
  origin: TestStack | undefined,
  dispose: () => Promise<void>,
): TestStack {
  const baseUrl = stack.gatewayUrl!;
  const url = `${baseUrl}/graphql`;
  const gql = <T, V>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    token?: string,
    options?: RequestOptions,
  ) => request<T>(url, typeof query === 'string' ? query : print(query), variables ?? {}, token, options);
  let adminToken: string | undefined;
  return {
    mode,
    url,
    baseUrl,
    stack,
    gql,
    register: (name = 'Test User') => register(gql, name),
    adminToken: async () => (adminToken ??= await login(gql, env.ADMIN_EMAIL!, env.ADMIN_PASSWORD!)),
    query: (subgraph, statement) => {
      const running = stack.subgraphs[subgraph];
      if (running) return queryRows(running.runtime.database.db, statement);
      if (origin) return origin.query(subgraph, statement);
      throw new Error(`${subgraph} is not running`);
    },
    dispose,
  };
}

/** Loads the demo data through the admin mutations (what `seed: true` does), e.g. once parts started elsewhere are up. */
export async function seedTestStack(test: TestStack): Promise<void> {
  const token = await test.adminToken();
  await seedDemoData(
    async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
      const result = await test.gql<T, Record<string, unknown>>(query, variables, token);
      if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
      return result.data as T;
    },
    { info: () => {} },
  );
}

async function request<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  options: RequestOptions = {},
): Promise<GqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    signal: options.signal,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GqlResult<T>, 'status'>;
  return { ...body, status: response.status };
}

type Gql = TestStack['gql'];

const HarnessRegisterDocument = graphql(`
  mutation HarnessRegister($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
      user {
        id
      }
    }
  }
`);

const HarnessLoginDocument = graphql(`
  mutation HarnessLogin($input: LoginInput!) {
    login(input: $input) {
      accessToken
    }
  }
`);

async function register(gql: Gql, name: string): Promise<TestUser> {
  const email = `user-${randomUUID()}@test.local`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const result = await gql(HarnessRegisterDocument, { input: { email, password, name } });
  if (result.errors || !result.data) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
  const payload = result.data.register;
  return { token: payload.accessToken, refreshToken: payload.refreshToken, userId: payload.user.id, email, password };
}

async function login(gql: Gql, email: string, password: string): Promise<string> {
  const result = await gql(HarnessLoginDocument, { input: { email, password } });
  if (result.errors || !result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.accessToken;
}
