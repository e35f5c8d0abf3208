import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GatewayTokenSigner,
  GatewayTokenVerifier,
  gatewayTokenHeader,
  loadKeyRing,
  type KeyRing,
} from '@seats/platform';
import { createUser } from '../../testkit/src/index.js';
import type { GatewayContext } from '../src/context.js';
import { SignedDataSource } from '../src/data-source.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the test subgraph answers next: status, headers and body. */
let answer: { status: number; headers: Record<string, string>; body: string };

// A real HTTP server on loopback standing in for a subgraph: it records what it got and answers as told.
describe('the gateway data source', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-source-test-'));
  const received: Received[] = [];
  let server: http.Server;
  let url: string;
  let keys: KeyRing;
  let source: SignedDataSource;

  beforeAll(async () => {
    keys = await loadKeyRing('gateway', undefined, dir);
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(answer.status, answer.headers).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
    source = new SignedDataSource(url, 'bookings', new GatewayTokenSigner(keys), false);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const json = { 'content-type': 'application/json; charset=utf-8' };
  const restricted: Array<{ maxAge?: number; scope?: string }> = [];
  const incoming = (context: Partial<GatewayContext>, query = 'query Q($id: ID!) { show(id: $id) { id } }') =>
    ({
      kind: 'incoming operation',
      request: { query, variables: { id: 'x' }, operationName: 'Q' },
      context: { identity: null, clientAddress: '127.0.0.1', ...context },
      incomingRequestContext: { overallCachePolicy: { restrict: (hint: object) => restricted.push(hint) } },
    }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

  it('sends the operation with a token for the caller, and returns what the subgraph answered', async () => {
    const user = createUser();
    answer = { status: 200, headers: json, body: '{"data":{"show":{"id":"x"}}}' };
    await expect(source.process(incoming({ identity: user }))).resolves.toEqual({ data: { show: { id: 'x' } } });
    const { headers, body } = received.at(-1)!;
    expect(headers['content-type']).toBe('application/json');
    // The query first: the fetch tells a query it may share by how the body starts.
    expect(body.startsWith('{"query":"query Q')).toBe(true);
    expect(JSON.parse(body)).toEqual({
      query: 'query Q($id: ID!) { show(id: $id) { id } }',
      variables: { id: 'x' },
      operationName: 'Q',
    });
    const verifier = new GatewayTokenVerifier(keys.publicJwks, 'bookings');
    await expect(verifier.verify(headers[gatewayTokenHeader] as string)).resolves.toEqual(user);
  });

  it("takes a live execution's event to the subscription's subgraph, and to no other operation", async () => {
    answer = { status: 200, headers: json, body: '{"data":{}}' };
    const sourceEvent = { showId: 's', version: 3 };
    await source.process(incoming({ sourceEvent }, 'subscription S { seatMapChanged(showId: "s") { version } }'));
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ extensions: { sourceEvent } });
    await source.process(incoming({ sourceEvent }));
    expect(JSON.parse(received.at(-1)!.body)).not.toHaveProperty('extensions');
  });

  it('applies the subgraph cache hint to the response policy (none: not cacheable)', async () => {
    restricted.length = 0;
    answer = { status: 200, headers: { ...json, 'cache-control': 'public, max-age=30' }, body: '{"data":{}}' };
    await source.process(incoming({}));
    answer = { status: 200, headers: { ...json, 'cache-control': 'private, max-age=soon' }, body: '{"data":{}}' };
    await source.process(incoming({}));
    answer = { status: 200, headers: json, body: '{"data":{}}' };
    await source.process(incoming({}));
    expect(restricted).toEqual([{ maxAge: 30, scope: 'PUBLIC' }, { maxAge: 0, scope: 'PRIVATE' }, { maxAge: 0 }]);
  });

  it('turns a failed HTTP answer into the error @apollo/gateway gives', async () => {
    answer = { status: 503, headers: { 'content-type': 'text/plain' }, body: 'down for a moment' };
    const unavailable = await source.process(incoming({})).catch((err: unknown) => err);
    expect(unavailable).toBeInstanceOf(GraphQLError);
    expect(unavailable).toMatchObject({
      message: '503: Service Unavailable',
      extensions: { response: { url, status: 503, statusText: 'Service Unavailable', body: 'down for a moment' } },
    });
    expect((unavailable as GraphQLError).extensions.code).toBeUndefined();

    answer = { status: 401, headers: json, body: '{"errors":[{"message":"no"}]}' };
    await expect(source.process(incoming({}))).rejects.toMatchObject({
      message: '401: Unauthorized',
      extensions: { code: 'UNAUTHENTICATED', response: { body: { errors: [{ message: 'no' }] } } },
    });
    answer = { status: 403, headers: json, body: '{}' };
    await expect(source.process(incoming({}))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses a 200 answer that is not a JSON object', async () => {
    answer = { status: 200, headers: { 'content-type': 'text/html' }, body: '<html></html>' };
    await expect(source.process(incoming({}))).rejects.toThrow('Expected JSON response body, but received: <html>');
  });
});
