import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, startTestStack, type TestStack } from '../../stack/test/support/harness.js';

describe.each(modes)('the gateway over HTTP (%s)', (mode) => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack(mode);
  });
  afterAll(() => t?.dispose());

  it('sends a browser asking for /graphql to GraphiQL', async () => {
    const response = await fetch(t.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphiql');
  });

  it('serves GraphiQL and every asset it loads from this server', async () => {
    const page = await (await fetch(`${t.baseUrl}/graphiql`)).text();
    // Inline data: URIs (the empty favicon) are loaded from nowhere.
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((a) => !a.startsWith('data:'));
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset.startsWith('/graphiql/assets/')).toBe(true);
      const response = await fetch(`${t.baseUrl}${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('publishes the access-token public keys without private parts', async () => {
    const jwks = (await (await fetch(`${t.baseUrl}/.well-known/jwks.json`)).json()) as {
      keys: Array<Record<string, string>>;
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys.every((k) => k.kty === 'OKP' && k.crv === 'Ed25519' && k.kid && !('d' in k))).toBe(true);
  });

  it('is healthy, and ready when every subgraph, the bus (and, on Postgres, its rate-limit store) are', async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks).toEqual({
      users: 'ok',
      catalog: 'ok',
      shows: 'ok',
      bookings: 'ok',
      payments: 'ok',
      notifications: 'ok',
      bus: 'ok',
      ...(mode === 'services' ? { database: 'ok' } : {}),
    });
  });

  it('lets every subgraph report its own health and readiness', async () => {
    for (const running of Object.values(t.stack.subgraphs)) {
      const base = running.url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = (await (await fetch(`${base}/readyz`)).json()) as { checks: Record<string, string> };
      expect(ready.checks).toEqual({ database: 'ok', bus: 'ok', outbox: 'ok' });
    }
  });

  it('refuses a subgraph call that did not come through the gateway, even with a valid access token', async () => {
    const user = await t.register();
    for (const running of Object.values(t.stack.subgraphs)) {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers a cross-site GET only as nobody, and refuses simple POSTs (CSRF) and batched requests', async () => {
    // What any page can make a browser send: no Authorization header, so the query runs anonymously.
    const crossSite = await fetch(`${t.url}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect([crossSite.status, await crossSite.json()]).toEqual([200, { data: { me: null } }]);
    const simplePost = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { logout(refreshToken: "x") }' }),
    });
    expect(simplePost.status).toBe(415);
    expect(
      ((await simplePost.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
    ).toBe('BAD_REQUEST');
    const batch = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(batch.status).toBe(400);
  });

  it('refuses an oversized body before parsing it', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }${' '.repeat(300 * 1024)}` }),
    });
    expect(response.status).toBe(413);
  });
});
