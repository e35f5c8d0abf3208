import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Context } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  InternalServerError,
  RateLimitedError,
  type AccessTokenVerifier,
  type Identity,
  type Logger,
  type SubscriptionLimits,
} from '@seats/platform';
import { clientAddress } from '../client-address.js';
import type { CloseCode } from './close-codes.js';
import { identityOf } from '../context.js';
import { Admission } from './admission.js';
import type { LiveFanout, Subscription } from './fanout.js';
import type { SeatMapDelta } from '@seats/platform';
import { connectionCap, openFileLimit } from './open-files.js';
import { SubscriptionChecker, type DocumentLimits } from './operation.js';
import type { LivePlanner } from './planner.js';
import { Watcher } from './watcher.js';
import { serveGraphqlWs, type Extra } from './ws-adapter.js';

export interface LiveEndpointOptions {
  server: http.Server;
  limits: SubscriptionLimits;
  documentLimits: DocumentLimits;
  trustProxyHops: number;
  verifier: AccessTokenVerifier;
  planner: LivePlanner;
  fanout: LiveFanout<SeatMapDelta>;
  log: Logger;
}

/** What the gateway keeps per socket. */
interface Connection {
  address: string;
  identity: Identity | null;
}

interface LiveArgs extends ExecutionArgs {
  contextValue: { subscription: Subscription; socket: WebSocket; id: string };
}

/** Bytes a socket may have waiting to be sent before its reader counts as too slow. */
const maxBufferedBytes = 4 * 1024 * 1024;

/**
 * graphql-ws (protocol `graphql-transport-ws`) on the gateway's HTTP server,
 * path /graphql. Upgrades are admitted by Origin and connection counts;
 * `connection_init` may carry `{ authorization: "Bearer <accessToken>" }`.
 * Refusals close the socket with graphql-ws's codes (see PROTOCOL in the
 * README): 4403 for a bad token or origin, 4429 for too many connections,
 * 4408 when connection_init does not come in time.
 */
export function startLiveEndpoint(options: LiveEndpointOptions): {
  dispose(): Promise<void>;
  /** Closes every socket (e.g. 1012 "service restart": reconnect and reload). */
  closeAll(code: CloseCode, reason: string): void;
  readonly connections: number;
} {
  const { log } = options;
  const limits = {
    ...options.limits,
    maxConnections: connectionCap(options.limits.maxConnections, openFileLimit(), log),
  };
  const admission = new Admission(limits);
  const connections = new WeakMap<WebSocket, Connection>();
  const checker = new SubscriptionChecker(options.planner, options.documentLimits);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const graphqlWs = serveGraphqlWs(
    wss,
    {
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: (ctx) => authenticate(ctx, options, admission, connections),
      onSubscribe: (ctx, id, payload) => {
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          return [new RateLimitedError('Too many subscriptions on this connection')];
        }
        const prepared = checker.prepare(payload);
        if (Array.isArray(prepared)) return prepared;
        const args: LiveArgs = {
          schema: options.planner.apiSchema,
          document: prepared.document,
          operationName: prepared.operationName,
          contextValue: { subscription: prepared.subscription, socket: ctx.extra.socket, id },
        };
        return args;
      },
      subscribe: (args) => watch(options.fanout, args as LiveArgs, log),
    },
    limits.keepAliveMs,
    log,
  );
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node has removed its own error listener from an upgrading socket: a reset must not crash the process.
    socket.on('error', () => socket.destroy());
    if ((req.url ?? '/').split('?')[0] !== '/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const address = clientAddress(req, options.trustProxyHops);
      const refusal = admission.admit(req, address);
      if (refusal) {
        ws.on('error', (err) => log.debug({ err }, 'refused websocket error'));
        return ws.close(refusal.code, refusal.reason);
      }
      const connection: Connection = { address, identity: null };
      connections.set(ws, connection);
      ws.once('close', () => admission.release(connection.address, connection.identity));
      wss.emit('connection', ws, req);
    });
  };
  options.server.on('upgrade', onUpgrade);
  return {
    get connections() {
      return admission.connections;
    },
    closeAll: (code, reason) => {
      log.info({ code, sockets: wss.clients.size }, 'closing every live connection');
      for (const socket of wss.clients) socket.close(code, reason);
    },
    dispose: async () => {
      options.server.off('upgrade', onUpgrade);
      await graphqlWs.dispose();
    },
  };
}

/** connection_init: an optional bearer token, verified like the HTTP one; then the per-user cap. */
async function authenticate(
  ctx: Context<Record<string, unknown>, Extra>,
  options: LiveEndpointOptions,
  admission: Admission,
  connections: WeakMap<WebSocket, Connection>,
): Promise<boolean> {
  const connection = connections.get(ctx.extra.socket);
  if (!connection) return false;
  const header = authorizationOf(ctx.connectionParams);
  if (header === undefined) return true;
  const identity = await identityOf(header, options.verifier);
  if (identity === 'malformed' || identity === 'invalid') return false;
  // Closed while the token was checked: its close was counted already, so do not count the user.
  if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
  const refusal = admission.admitUser(identity);
  if (refusal) {
    ctx.extra.socket.close(refusal.code, refusal.reason);
    return false;
  }
  connection.identity = identity;
  return true;
}

/** `authorization` (the contract) or `Authorization` (GraphiQL passes its headers); empty means anonymous. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Joins the watcher to its group; results reach it from the fan-out, not through graphql-ws. */
async function watch(
  fanout: LiveFanout<SeatMapDelta>,
  args: LiveArgs,
  log: Logger,
): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const { subscription, socket, id } = args.contextValue;
  const watcher = new Watcher(socket, id, maxBufferedBytes);
  try {
    await fanout.join(subscription, watcher);
  } catch (err) {
    log.error({ err, subject: subscription.subject }, 'live subscription failed');
    return {
      errors: [new InternalServerError('Live updates are unavailable')],
    };
  }
  return watcher as AsyncIterable<never>;
}
