/**
 * Starts the whole platform for a test, on free ports, in one of two modes:
 * `embedded` (PGlite in a temp folder, in-process bus) or `services` (a fresh
 * database on TEST_DATABASE_URL and a private stream prefix on TEST_NATS_URL).
 * Tests in both modes go through the real gateway over HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { connect } from 'nats';
import postgres from 'postgres';
import { createLogger, loadConfig, queryRows, type SQL, type SubgraphName } from '@seats/platform';
import { seedDemoData } from '../../src/seed.js';
import { startStack, type RunningStack } from '../../src/stack.js';

export type Mode = 'embedded' | 'services';

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
const testNatsUrl = process.env.TEST_NATS_URL;

/** Embedded always; services too when their URLs are given. In CI they must be. */
export const modes: Mode[] = (() => {
  if (testDatabaseUrl && testNatsUrl) return ['embedded', 'services'];
  if (process.env.CI)
    throw new Error('CI must set TEST_DATABASE_URL and TEST_NATS_URL: the services suites may not be skipped');
  return ['embedded'];
})();

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
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
  /** Sends a typed document (from `graphql()` in ./generated) or a plain query string. */
  gql<T = any, V = Record<string, unknown>>(
    query: string | TypedDocumentNode<T, V>,
    variables?: V,
    token?: string,
  ): Promise<GqlResult<T>>;
  register(name?: string): Promise<TestUser>;
  adminToken(): Promise<string>;
  /** Runs SQL in a subgraph's database. */
  query<T = Record<string, unknown>>(subgraph: SubgraphName, statement: SQL): Promise<T[]>;
  dispose(): Promise<void>;
}

export interface TestStackOptions {
  /** Extra environment, e.g. { HOLD_TTL_SECONDS: '2' }. */
  env?: Record<string, string>;
  /** Load the demo data through the admin mutations. */
  seed?: boolean;
}

export async function startTestStack(mode: Mode, options: TestStackOptions = {}): Promise<TestStack> {
  const tag = randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-test-'));
  const adminEmail = `admin-${tag}@test.local`;
  const adminPassword = randomBytes(12).toString('base64url');
  const services = mode === 'services' ? await createServices(tag) : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    ...(services ? { DATABASE_URL: services.databaseUrl, NATS_URL: testNatsUrl, BUS_PREFIX: `t${tag}` } : {}),
    ...options.env,
  });
  const stack = await startStack({ config, log: createLogger('test', config.logLevel), randomPorts: true });
  const baseUrl = stack.gatewayUrl as string;
  const url = `${baseUrl}/graphql`;
  const gql = <T, V>(query: string | TypedDocumentNode<T, V>, variables?: V, token?: string) =>
    request<T>(
      url,
      typeof query === 'string' ? query : print(query),
      (variables ?? {}) as Record<string, unknown>,
      token,
    );
  let adminToken: string | undefined;
  const test: TestStack = {
    mode,
    url,
    baseUrl,
    stack,
    gql,
    register: (name = 'Test User') => register(gql, name),
    adminToken: async () => (adminToken ??= await login(gql, adminEmail, adminPassword)),
    query: (subgraph, statement) => {
      const running = stack.subgraphs[subgraph];
      if (!running) throw new Error(`${subgraph} is not running`);
      return queryRows(running.runtime.database.db, statement);
    },
    dispose: async () => {
      await stack.dispose();
      await services?.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (options.seed) {
    const token = await test.adminToken();
    await seedDemoData(
      async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
        const result = await gql<T, Record<string, unknown>>(query, variables, token);
        if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
        return result.data as T;
      },
      { info: () => {} },
    );
  }
  return test;
}

async function request<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<GqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GqlResult<T>, 'status'>;
  return { ...body, status: response.status };
}

type Gql = TestStack['gql'];

async function register(gql: Gql, name: string): Promise<TestUser> {
  const email = `user-${randomUUID()}@test.local`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const result = await gql(
    `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }`,
    { input: { email, password, name } },
  );
  if (result.errors) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
  const payload = result.data.register;
  return { token: payload.accessToken, refreshToken: payload.refreshToken, userId: payload.user.id, email, password };
}

async function login(gql: Gql, email: string, password: string): Promise<string> {
  const result = await gql(`mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }`, {
    input: { email, password },
  });
  if (result.errors) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.accessToken;
}

/** A private database and bus prefix for one test stack, removed afterwards. */
async function createServices(tag: string): Promise<{ databaseUrl: string; dispose(): Promise<void> }> {
  const admin = postgres(testDatabaseUrl as string, { max: 1, onnotice: () => {} });
  const name = `seats_test_${tag}`;
  await admin.unsafe(`create database ${name}`);
  const databaseUrl = new URL(testDatabaseUrl as string);
  databaseUrl.pathname = `/${name}`;
  return {
    databaseUrl: databaseUrl.toString(),
    dispose: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      const nc = await connect({ servers: testNatsUrl as string });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(`T${tag.toUpperCase()}_EVENTS`).catch(() => false);
      await nc.close();
    },
  };
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
