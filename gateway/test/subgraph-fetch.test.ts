import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayTokenHeader } from '@seats/platform';
import { subgraphFetch, unsharedSubgraphFetch } from '../src/subgraph-fetch.js';

describe('subgraph calls', () => {
  let server: http.Server;
  let url: string;
  let received = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      received++;
      // Answer slowly, so that concurrent calls overlap.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { n: received } }));
      }, 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = (query: string, token = 'a', fetch = subgraphFetch) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [gatewayTokenHeader]: token },
      body: JSON.stringify({ query, variables: {} }),
    });

  it('shares one call among identical queries in flight, each with its own parsed copy', async () => {
    received = 0;
    const responses = await Promise.all(Array.from({ length: 5 }, () => call('query Q { n }')));
    expect(received).toBe(1);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies[0]).toEqual(bodies[4]);
    expect(bodies[0]).not.toBe(bodies[4]);
  });

  it('never shares mutations, other identities or calls that are not in flight together', async () => {
    received = 0;
    await Promise.all(Array.from({ length: 3 }, () => call('mutation M { n }')));
    expect(received).toBe(3);
    received = 0;
    await Promise.all([call('query Q { n }', 'a'), call('query Q { n }', 'b')]);
    expect(received).toBe(2);
    received = 0;
    await call('query Q { n }');
    await call('query Q { n }');
    expect(received).toBe(2);
  });

  it('shares nothing when sharing is switched off', async () => {
    received = 0;
    await Promise.all(Array.from({ length: 3 }, () => call('query Q { n }', 'a', unsharedSubgraphFetch)));
    expect(received).toBe(3);
  });
});
