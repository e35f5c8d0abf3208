import type http from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '@seats/platform';

/** What graphql-ws's hooks see as `ctx.extra`. */
export interface Extra {
  socket: WebSocket;
  request: http.IncomingMessage;
}

/**
 * graphql-ws's protocol server on a `ws` server. Like the library's own
 * `use/ws` adapter, but built for many idle sockets and hostile clients:
 * one keep-alive timer for all sockets instead of timers per socket, and
 * socket errors a client can cause (an oversized frame, a bad frame) are
 * logged at debug level, not written to the console.
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
  wss.on('connection', (socket: WebSocket, request: http.IncomingMessage) => {
    answered.add(socket);
    socket.on('pong', () => answered.add(socket));
    // ws closes the socket itself (e.g. 1009 for an oversized message) before emitting these.
    socket.on('error', (err) => log.debug({ err }, 'websocket error'));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (receive) =>
          socket.on('message', async (data) => {
            try {
              await receive(String(data));
            } catch (err) {
              log.error({ err }, 'graphql-ws message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });
  return {
    dispose: async () => {
      clearInterval(keepAlive);
      for (const socket of wss.clients) socket.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
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
