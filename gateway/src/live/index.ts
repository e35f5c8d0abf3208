import type http from 'node:http';
import type { ServiceMap } from '@apollo/gateway';
import {
  makeFormatError,
  type AccessTokenVerifier,
  type EventBus,
  type Logger,
  type PlatformConfig,
  type SeatMapDelta,
} from '@seats/platform';
import { CloseCode } from './close-codes.js';
import { LiveExecutor } from './executor.js';
import { LiveFanout } from './fanout.js';
import { LiveHub } from './hub.js';
import type { DocumentLimits } from './operation.js';
import type { SupergraphPlanning } from '../execution/planning.js';
import { LivePlanner } from './planner.js';
import { seatMapFrame } from './sources.js';
import { startLiveEndpoint } from './websocket.js';

export interface LiveOptions {
  server: http.Server;
  config: PlatformConfig;
  planning: SupergraphPlanning;
  services: ServiceMap;
  bus: EventBus;
  verifier: AccessTokenVerifier;
  documentLimits: DocumentLimits;
  log: Logger;
}

/** What is live right now, for /metrics and tests. */
export interface LiveStats {
  connections: number;
  watchers: number;
  groups: number;
  subjects: number;
  executions: number;
  /** Live messages that went out merged into another's frame. */
  conflated: number;
}

export interface RunningLive {
  stats(): LiveStats;
  dispose(): Promise<void>;
}

/**
 * Subscriptions at the gateway: graphql-ws on the HTTP server, fed by the
 * bus (one subscription per subject per instance), executed once per event
 * and document through the query planner, fanned out to every watcher.
 */
export function startLive(options: LiveOptions): RunningLive {
  const log = options.log.child({ component: 'live' });
  const planner = new LivePlanner(options.planning);
  const hub = new LiveHub<SeatMapDelta>(options.bus, log);
  const executor = new LiveExecutor(planner, options.services, makeFormatError(log), log);
  const fanout = new LiveFanout(hub, executor, seatMapFrame, log);
  const endpoint = startLiveEndpoint({
    server: options.server,
    limits: options.config.subscriptions,
    documentLimits: options.documentLimits,
    trustProxyHops: options.config.trustProxyHops,
    verifier: options.verifier,
    planner,
    fanout,
    log,
  });
  // Live messages sent while the bus was away are lost for good, and the last
  // one lost would show no gap: every watcher reconnects and reloads instead.
  const stopReconnects = options.bus.onReconnect(() =>
    endpoint.closeAll(CloseCode.ServiceRestart, 'Live updates were interrupted'),
  );
  return {
    stats: () => ({
      connections: endpoint.connections,
      watchers: fanout.watchers,
      groups: fanout.groupCount,
      subjects: hub.subjects,
      executions: fanout.executions,
      conflated: fanout.conflated,
    }),
    dispose: async () => {
      stopReconnects();
      await endpoint.dispose();
      await hub.dispose();
    },
  };
}
