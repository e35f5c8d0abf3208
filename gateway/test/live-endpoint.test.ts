import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startLoneGateway, type LoneGateway } from './support/lone-gateway.js';

const showId = '3f1c2a9e-8d6b-4c1e-9a57-2b8e4f0d6c11';
const watch = `subscription Watch($showId: ID!) { seatMapChanged(showId: $showId) { version seats { id status } } }`;

/** Opens a raw socket speaking graphql-transport-ws and records how it closes. */
function rawSocket(g: LoneGateway, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${g.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const messages: unknown[] = [];
  // ws hands over Buffers (its default binaryType).
  socket.on('message', (data) => messages.push(JSON.parse((data as Buffer).toString())));
  return { socket, opened, closed, messages };
}

/** Subscribes once with a fresh client; resolves with the errors or the close code that ended it. */
function subscribeOnce(
  g: LoneGateway,
  query: string,
  variables: Record<string, unknown>,
  params?: Record<string, unknown>,
) {
  return new Promise<{ errors?: Array<{ extensions?: { code?: string } }>; closeCode?: number }>((resolve) => {
    let client: Client | undefined = undefined;
    client = createClient({
      url: `${g.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: params,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
      on: { closed: (e) => resolve({ closeCode: (e as { code: number }).code }) },
    });
    client.subscribe(
      { query, variables },
      {
        next: () => {},
        error: (err) => {
          resolve(Array.isArray(err) ? { errors: err } : { closeCode: (err as { code?: number }).code });
          void client?.dispose();
        },
        complete: () => void client?.dispose(),
      },
    );
  });
}

describe('the gateway WebSocket endpoint', () => {
  let g: LoneGateway;

  beforeAll(async () => {
    g = await startLoneGateway({
      WS_MAX_CONNECTIONS_PER_IP: '4',
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
      WS_INIT_TIMEOUT_MS: '300',
      WS_MAX_MESSAGE_BYTES: '2048',
      WS_KEEPALIVE_MS: '200',
      ALLOWED_ORIGINS: 'https://tickets.example.com',
    });
  });
  afterAll(() => g?.dispose());

  it('closes a socket that sends no connection_init in time with 4408', async () => {
    const raw = rawSocket(g);
    await raw.opened;
    expect((await raw.closed).code).toBe(4408);
  });

  it('closes a socket that sends a message over the size limit with 1009', async () => {
    const raw = rawSocket(g);
    await raw.opened;
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(4096) } }));
    expect((await raw.closed).code).toBe(1009);
  });

  it('pings connected clients to keep the connection alive', async () => {
    const raw = rawSocket(g);
    await raw.opened;
    const pinged = new Promise<void>((resolve) => raw.socket.once('ping', () => resolve()));
    raw.socket.send(JSON.stringify({ type: 'connection_init' }));
    await pinged;
    raw.socket.close();
    await raw.closed;
  });

  it('refuses a cross-site origin with 4403 and accepts its own and allowed origins', async () => {
    const evil = rawSocket(g, { origin: 'https://evil.example' });
    expect((await evil.closed).code).toBe(4403);
    for (const origin of ['https://tickets.example.com', g.url]) {
      const raw = rawSocket(g, { origin });
      await raw.opened;
      raw.socket.send(JSON.stringify({ type: 'connection_init' }));
      await expect.poll(() => raw.messages).toContainEqual({ type: 'connection_ack' });
      raw.socket.close();
      await raw.closed;
    }
  });

  it('survives refused upgrades that send garbage or reset the connection', async () => {
    const { port } = new URL(g.url);
    const upgrade = (path: string, origin: string) =>
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Protocol: graphql-transport-ws\r\nOrigin: ${origin}\r\n\r\n`;
    for (const [path, origin, then] of [
      ['/graphql', 'https://evil.example', Buffer.from([0x83, 0x00])],
      ['/elsewhere', g.url, undefined],
    ] as const) {
      const socket = net.connect(Number(port), '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(upgrade(path, origin));
      if (then) socket.write(then);
      else socket.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
    }
    expect((await fetch(`${g.url}/healthz`)).status).toBe(200);
  });

  it('refuses an invalid or malformed access token with 4403', async () => {
    for (const authorization of ['Bearer not.a.token', 'Token abc']) {
      const result = await subscribeOnce(g, watch, { showId }, { authorization });
      expect(result.closeCode).toBe(4403);
    }
  });

  it('refuses connections beyond the per-address cap with 4429', async () => {
    const sockets = Array.from({ length: 4 }, () => rawSocket(g));
    await Promise.all(sockets.map((s) => s.opened));
    const extra = rawSocket(g);
    expect((await extra.closed).code).toBe(4429);
    for (const s of sockets) s.socket.close();
    await Promise.all(sockets.map((s) => s.closed));
    const again = rawSocket(g);
    await again.opened;
    again.socket.close();
    await again.closed;
  });

  it('answers bad documents with coded errors and keeps the connection', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['subscription {', {}, 'GRAPHQL_PARSE_FAILED'],
      ['subscription { seatMapChanged(showId: "x") { nope } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['query { __typename }', {}, 'BAD_REQUEST'],
      [watch, { showId: 'not-an-id' }, 'BAD_USER_INPUT'],
      [watch, {}, 'BAD_USER_INPUT'],
    ];
    for (const [query, variables, code] of cases) {
      const result = await subscribeOnce(g, query, variables);
      expect(result.errors?.[0]?.extensions?.code, query).toBe(code);
    }
  });

  it('refuses a subscription sent over HTTP with BAD_REQUEST', async () => {
    const response = await g.post({ query: watch, variables: { showId } });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  it('caps subscriptions per connection with RATE_LIMITED', async () => {
    const client = createClient({
      url: `${g.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const outcomes: string[] = [];
    const stops = [0, 1, 2].map((i) =>
      client.subscribe(
        { query: watch, variables: { showId } },
        {
          next: () => {},
          error: (err) =>
            outcomes.push(`${i}:${(err as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code}`),
          complete: () => {},
        },
      ),
    );
    await expect.poll(() => outcomes).toEqual(['2:RATE_LIMITED']);
    stops.forEach((stop) => stop());
    await client.dispose();
  });
});
