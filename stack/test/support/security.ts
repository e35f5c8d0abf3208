/**
 * Tools for the security suite: hand-built JWTs (so that any header, claim or
 * signature can be wrong on purpose), raw requests with any headers, row
 * counts of the tables an attack could touch, and a second gateway.
 */
import { createHmac, createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { RunningGateway } from '@seats/gateway';
import { createLogger, sql, type SubgraphName } from '@seats/platform';
import { startGatewayOn } from '../../src/stack.js';
import { waitFor, type TestStack } from './harness.js';

export type PrivateJwk = { kty: string; crv: string; x: string; d: string; kid: string; alg: string };

/** A fresh Ed25519 private JWK with its own kid. */
export function newKey(): PrivateJwk {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as Omit<PrivateJwk, 'kid' | 'alg'>;
  return { ...jwk, kid: randomUUID(), alg: 'EdDSA' };
}

export const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS built by hand, so that every header and claim can be wrong on purpose. */
export function jwt(header: object, claims: object, signer: (input: string) => string): string {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${signer(input)}`;
}

export const ed25519 = (key: PrivateJwk) => (input: string) =>
  sign(null, Buffer.from(input), createPrivateKey({ key, format: 'jwk' })).toString('base64url');
export const hs256 = (secret: string | Buffer) => (input: string) =>
  createHmac('sha256', secret).update(input).digest('base64url');

export interface Sent<T = unknown> {
  status: number;
  retryAfter: string | null;
  body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/**
 * POSTs a GraphQL request with any headers (the harness's `gql` sends only a
 * token): a typed document, or a query string whose data is `unknown`.
 */
export async function send<T = unknown, V = Record<string, unknown>>(
  url: string,
  query: string | TypedDocumentNode<T, V>,
  variables?: V,
  headers: Record<string, string> = {},
): Promise<Sent<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables: variables ?? {} }),
  });
  const body = (await response.json()) as Sent<T>['body'];
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const from = (address: string) => ({ 'x-forwarded-for': address });
export const firstCode = (sent: Sent) => sent.body.errors?.[0]?.extensions?.code;

/** The rows an attack could add or change, counted table by table. */
export const watchedTables: Array<[SubgraphName, string]> = [
  ['users', 'accounts'],
  ['users', 'refresh_tokens'],
  ['users', 'outbox'],
  ['catalog', 'movies'],
  ['catalog', 'venues'],
  ['catalog', 'screens'],
  ['catalog', 'trains'],
  ['catalog', 'outbox'],
  ['shows', 'shows'],
  ['shows', 'outbox'],
  ['bookings', 'holds'],
  ['bookings', 'bookings'],
  ['bookings', 'outbox'],
  ['payments', 'payment_intents'],
  ['payments', 'refunds'],
  ['notifications', 'notifications'],
];

/** Row counts of every watched table, plus how many refresh tokens are used or revoked. */
export async function snapshot(t: TestStack): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [subgraph, table] of watchedTables) {
    const [row] = await t.query<{ n: number }>(
      subgraph,
      sql.raw(`select count(*)::int as n from ${subgraph}.${table}`),
    );
    counts[`${subgraph}.${table}`] = row!.n;
  }
  const [retired] = await t.query<{ n: number }>(
    'users',
    sql`select count(*)::int as n from users.refresh_tokens where revoked_at is not null or used_at is not null`,
  );
  counts['users.refresh_tokens retired'] = retired!.n;
  return counts;
}

/** A snapshot once background work (event consumers, relays) has stopped changing anything. */
export function settledSnapshot(t: TestStack): Promise<Record<string, number>> {
  return waitFor(async () => {
    const first = await snapshot(t);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await snapshot(t);
    return JSON.stringify(first) === JSON.stringify(second) ? second : undefined;
  }, 20_000);
}

/** Another gateway on the same subgraphs, keys and configuration (database included). */
export function startSecondGateway(t: TestStack): Promise<RunningGateway> {
  return startGatewayOn(t.stack, t.stack.config, createLogger('test', 'silent'), 0);
}
