/**
 * The graphql-ws adapter's logging: what a client causes is a debug line
 * without a stack, and only a fault of the server's own is an error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import WebSocket, { WebSocketServer } from 'ws';
import type { Logger } from '@seats/platform';
import { serveGraphqlWs } from '../src/live/ws-adapter.js';

interface Entry {
  level: string;
  fields: Record<string, unknown>;
  msg: string;
}

/** Just enough of a pino logger to record what the adapter logs. */
function recordingLogger(entries: Entry[]): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => entries.push({ level, fields, msg });
  const log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  return log as unknown as Logger;
}

const hasStack = (entry: Entry) => 'err' in entry.fields || JSON.stringify(entry.fields).includes('\\n    at ');

const schema = buildSchema('type Query { ok: Boolean } type Subscription { tick: Int }');
const init = JSON.stringify({ type: 'connection_init' });
const subscribe = (id: string, query = 'subscription { tick }') =>
  JSON.stringify({ id, type: 'subscribe', payload: { query } });

describe('the graphql-ws adapter', () => {
  const entries: Entry[] = [];
  let server: http.Server;
  let adapter: { dispose(): Promise<void> };
  let url: string;

  beforeAll(async () => {
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const wss = new WebSocketServer({ server, maxPayload: 1024 });
    adapter = serveGraphqlWs(
      wss,
      {
        schema,
        onSubscribe: (_ctx, _id, payload) => {
          if (payload.query.includes('boom')) throw new Error('a hook failed');
        },
        // A subscription that stays open until the socket goes.
        subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) }),
      },
      0,
      recordingLogger(entries),
    );
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => void entries.splice(0));
  afterAll(async () => {
    await adapter?.dispose();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens a socket, waits for the ack when the first message is connection_init, sends the rest; resolves with the close code. */
  async function closeCodeAfter(messages: string[]): Promise<number> {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    const acked = new Promise((resolve) => socket.once('message', resolve));
    const [first, ...rest] = messages;
    socket.send(first!);
    if (first === init) await acked;
    for (const message of rest) socket.send(message);
    const code = await closed;
    // The server's log line for the close is written by now; give a rejected handler one turn more.
    await new Promise((resolve) => setImmediate(resolve));
    return code;
  }

  it.each([
    ['a frame that is not JSON', 4400, ['{not json']],
    ['a second connection_init', 4429, [init, init]],
    ['a subscribe before connection_ack', 4401, [subscribe('1')]],
    ['a subscription id used twice', 4409, [init, subscribe('1'), subscribe('1')]],
    // graphql-ws quotes the id in the close reason, and ws throws on a reason over 123 bytes.
    [
      'a subscription id too long to quote, used twice',
      4409,
      [init, subscribe('x'.repeat(200)), subscribe('x'.repeat(200))],
    ],
    ['a frame over the size limit', 1009, ['x'.repeat(2048)]],
  ])('closes on %s with %i, logged at debug without a stack', async (_, code, messages) => {
    expect(await closeCodeAfter(messages)).toBe(code);
    expect(entries.filter((e) => e.level !== 'debug')).toEqual([]);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter(hasStack)).toEqual([]);
  });

  it('logs a hook that throws as an error with its stack, and closes with 4500', async () => {
    expect(await closeCodeAfter([init, subscribe('1', 'subscription boom { tick }')])).toBe(4500);
    const errors = entries.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.fields.err).toBeInstanceOf(Error);
  });
});
