import type http from 'node:http';
import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  AccessTokenVerifier,
  executeApollo,
  GatewayTokenSigner,
  listen,
  makeFormatError,
  sendJson,
  serveHealth,
  serveMetrics,
  type EventBus,
  type KeyRing,
  type Logger,
  type PlatformConfig,
  type ReadinessChecks,
  type SubgraphName,
} from '@seats/platform';
import { buildContext, type GatewayContext } from './context.js';
import { SignedDataSource } from './data-source.js';
import { serveGraphiql, wantsGraphiql } from './graphiql.js';
import type { Registry } from 'prom-client';
import { LeanGateway } from './execution/lean-gateway.js';
import { SupergraphPlanning } from './execution/planning.js';
import { refuseHttpSubscriptions } from './http-subscriptions.js';
import { serviceUnavailableStatus } from './unavailable-status.js';
import { startLive, type LiveStats, type RunningLive } from './live/index.js';
import { LayoutServer } from './layouts.js';
import { gatewayMetrics } from './metrics.js';
import { queryLimits } from './query-limits.js';
import { openRateLimitStore, rateLimitPlugin, RateLimiter, type RateLimitStore } from './rate-limit/index.js';
import { subgraphChecks } from './readiness.js';
import { serveSeatMapPage } from './seatmap-page.js';
import { loadSupergraph } from './supergraph.js';

export interface GatewayOptions {
  config: PlatformConfig;
  log: Logger;
  /** Where each subgraph's /graphql is. */
  subgraphUrls: Record<SubgraphName, string>;
  accessKeys: KeyRing;
  gatewayKeys: KeyRing;
  /** Where live seat changes come from (NATS, or the in-process bus). */
  bus: EventBus;
  /** Overrides the configured port (tests use 0). */
  port?: number;
}

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly server: http.Server;
  /** Live connections and subscriptions right now. */
  live(): LiveStats;
  dispose(): Promise<void>;
}

/**
 * The public entry point: one HTTP server for /graphql, GraphiQL, the JWKS
 * and health. The supergraph is a static file, so the gateway starts
 * without any subgraph being up.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const log = options.log.child({ component: 'gateway' });
  const store = await openRateLimitStore(config, log);
  const supergraphSdl = loadSupergraph();
  const planning = new SupergraphPlanning(supergraphSdl);
  const signer = new GatewayTokenSigner(options.gatewayKeys);
  const services = dataSources(options, signer);
  const layouts = new LayoutServer(options.subgraphUrls.bookings, signer, log);
  const verifier = new AccessTokenVerifier(options.accessKeys.publicJwks, {
    issuer: config.tokenIssuer,
    audience: config.tokenAudience,
  });
  const limits = queryLimits<GatewayContext>(config);
  let apollo: ApolloServer<GatewayContext> | undefined;
  let live: RunningLive | undefined;
  let lean: LeanGateway | undefined;
  const metrics = gatewayMetrics(
    () => live?.stats() ?? { connections: 0, watchers: 0, groups: 0, subjects: 0, executions: 0, conflated: 0 },
    () => lean?.executions ?? { fast: 0, apollo: 0 },
  );
  try {
    lean = new LeanGateway(apolloGateway(supergraphSdl, services), planning, services, config.shareInflight);
    apollo = await startApollo(options, lean, limits, store);
    const http = await listen(
      requestHandler(options, apollo, store, verifier, metrics, layouts),
      options.port ?? config.ports.gateway,
      config.host,
      log,
    );
    live = startLive({
      server: http.server,
      config,
      planning,
      services,
      bus: options.bus,
      verifier,
      documentLimits: { ...limits, hideSuggestions: config.env === 'production' },
      log,
    });
    const running = live;
    log.info({ url: `${http.url}/graphql` }, 'gateway listening');
    return {
      url: http.url,
      server: http.server,
      live: () => running.stats(),
      dispose: async () => {
        await running.dispose();
        await http.dispose();
        await apollo?.stop();
        await store.dispose();
      },
    };
  } catch (err) {
    await apollo?.stop().catch(() => {});
    await store.dispose().catch(() => {});
    throw err;
  }
}

/** One signed data source per subgraph, shared by queries and live executions. */
function dataSources(options: GatewayOptions, signer: GatewayTokenSigner): ServiceMap {
  const services: ServiceMap = {};
  for (const [name, url] of Object.entries(options.subgraphUrls)) {
    services[name] = new SignedDataSource(url, name, signer, options.config.shareInflight);
  }
  return services;
}

/** @apollo/gateway over the static supergraph, with the shared data sources. */
function apolloGateway(supergraphSdl: string, services: ServiceMap): ApolloGateway {
  // @apollo/gateway otherwise reports usage data to Apollo's servers and
  // probes cloud metadata endpoints; the platform sends nothing anywhere.
  // The library reads only this variable, so it is set here, not read.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const service = services[name];
      if (!service) throw new Error(`no URL for subgraph ${name}`);
      return service;
    },
  });
}

/** Apollo Server over the gateway, with the query limits and rate limits as plugins. */
async function startApollo(
  options: GatewayOptions,
  gateway: LeanGateway,
  limits: ReturnType<typeof queryLimits<GatewayContext>>,
  store: RateLimitStore,
): Promise<ApolloServer<GatewayContext>> {
  const { config } = options;
  const log = options.log.child({ component: 'gateway' });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: makeFormatError(log),
    includeStacktraceInErrorResponses: false,
    introspection: config.introspectionEnabled,
    // CSRF needs a credential the browser attaches by itself; the only one
    // read here is `Authorization: Bearer`, which it never does. Non-JSON
    // POSTs (the cross-site simple requests) are refused before Apollo
    // (executeApollo), and GET runs queries only, so a plain GET (urql's
    // default) is served. A cookie session would need this check back.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      ...limits.plugins,
      refuseHttpSubscriptions<GatewayContext>(),
      rateLimitPlugin<GatewayContext>(new RateLimiter(store, config.rateLimits)),
      serviceUnavailableStatus<GatewayContext>(),
    ],
  });
  await apollo.start();
  return apollo;
}

/** Routes /graphql, GraphiQL (when enabled), the JWKS, seat layouts and health. */
function requestHandler(
  options: GatewayOptions,
  apollo: ApolloServer<GatewayContext>,
  store: RateLimitStore,
  verifier: AccessTokenVerifier,
  metrics: Registry,
  layouts: LayoutServer,
) {
  const { config } = options;
  const checks: ReadinessChecks = subgraphChecks(options.subgraphUrls);
  // Live seat maps come through the bus.
  checks.bus = () => options.bus.ping();
  // The shared rate-limit counters are part of serving mutations safely.
  if (config.databaseUrl) checks.database = () => store.ping();
  const jwks = JSON.stringify({ keys: options.accessKeys.publicJwks });
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (await serveHealth(res, path, checks)) return;
    if (path === '/metrics' && req.method === 'GET') return serveMetrics(res, metrics);
    if (path === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' });
      return void res.end(jwks);
    }
    if (await layouts.serve(req, res, path)) return;
    if (config.graphiqlEnabled && serveGraphiql(req, res, path)) return;
    if (config.seatMapPageEnabled && serveSeatMapPage(req, res, path)) return;
    const browsing = req.method === 'GET' && (path === '/' || (path === '/graphql' && wantsGraphiql(req)));
    if (config.graphiqlEnabled && browsing) {
      res.writeHead(302, { location: '/graphiql' });
      return void res.end();
    }
    if (path !== '/graphql') return sendJson(res, 404, { error: 'not found' });
    const context = () => buildContext(req, verifier, config.trustProxyHops);
    await executeApollo(apollo, req, res, context, config.requestLimits.maxBodyBytes);
  };
}
