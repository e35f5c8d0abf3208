import { handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import { CloseCode } from './close-codes.js';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '@seats/platform';

/**
 * What graphql-ws's hooks see as `ctx.extra`: the socket only (the upgrade
 * request was read when the socket was admitted, and kept here it would
 * stay in memory for the connection's whole life).
 */
export interface Extra {
  socket: WebSocket;
}

/** A close frame's reason may hold 123 bytes; ws throws on a longer one. */
const maxCloseReasonBytes = 123;

/**
 * graphql-ws's protocol server on a `ws` server. Like the library's own
 * `use/ws` adapter, but built for many idle sockets and hostile clients:
 * one keep-alive timer for all sockets instead of timers per socket, and
 * what a client can cause is logged at debug level without a stack: a bad
 * frame or an oversized one (ws closes 1002/1009), a protocol error that
 * graphql-ws answers by closing (4400, 4401, 4403, 4408, 4409, 4429), a
 * socket that went away while an answer was written to it. Anything else
 * thrown while handling a message (a hook that failed) is a server fault:
 * logged as an error with its stack, and the socket closed with 4500.
 */
export function serveGraphqlWs(
  wss: WebSocketServer,
  options: ServerOptions<Record<string, unknown>, Extra>,
  keepAliveMs: number,
  log: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer<Record<string, unknown>, Extra>(options);
  wss.options.handleProtocols = handleProtocols;
  const answered = new WeakSet<WebSocket>();
  const keepAlive = keepAliveMs > 0 ? setInterval(() => ping(wss, answered), keepAliveMs) : undefined;
  keepAlive?.unref();
  wss.on('connection', (socket: WebSocket) => {
    answered.add(socket);
    socket.on('pong', () => answered.add(socket));
    // ws closes the socket itself (e.g. 1009 for an oversized message) before emitting these.
    socket.on('error', (err) => log.debug({ reason: err.message, code: codeOf(err) }, 'websocket error'));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(new SocketGoneError(err)) : resolve()));
          }),
        // graphql-ws closes only for a client's protocol error; the reason may quote the client's subscription id.
        close: (code, reason) => {
          log.debug({ code, reason }, 'graphql-ws closed a socket for a protocol error');
          socket.close(code, closeReason(reason));
        },
        // ws ignores what a listener returns, so a failed answer is handled here, never left unhandled.
        onMessage: (receive) => {
          socket.on('message', (data) => {
            receive(messageText(data)).catch((err: unknown) => {
              if (err instanceof SocketGoneError)
                return log.debug({ reason: err.message }, 'websocket gone mid-answer');
              log.error({ err }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          });
        },
      },
      { socket },
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });
  return {
    dispose: async () => {
      clearInterval(keepAlive);
      for (const socket of wss.clients) socket.close(CloseCode.GoingAway, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** A write failed because the client's socket went away (a reset, a close mid-write). */
class SocketGoneError extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
  }
}

/** The reason as it is when it fits a close frame; graphql-ws's own words for the code otherwise. */
function closeReason(reason: string | undefined): string | undefined {
  if (reason === undefined || Buffer.byteLength(reason) <= maxCloseReasonBytes) return reason;
  return 'Protocol error';
}

/** A frame's text: ws hands over a Buffer (its default binaryType), or its fragments. */
function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}

/** ws's error code (e.g. WS_ERR_UNSUPPORTED_MESSAGE_LENGTH), when it set one. */
function codeOf(err: Error): string | undefined {
  const code = (err as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Drops sockets that did not answer the last ping, and pings the rest. */
function ping(wss: WebSocketServer, answered: WeakSet<WebSocket>): void {
  for (const socket of wss.clients) {
    if (!answered.has(socket)) {
      socket.terminate();
      continue;
    }
    answered.delete(socket);
    if (socket.readyState === socket.OPEN) socket.ping();
  }
}
