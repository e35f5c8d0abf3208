import type { DocumentNode } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import {
  GatewayTokenError,
  GatewayTokenVerifier,
  gatewayTokenHeader,
  type Identity,
  type KeyRing,
} from './auth/index.js';
import type { EventBus } from './bus/types.js';
import { databaseUrlFor, type PlatformConfig, type SubgraphName } from './config.js';
import { errorBody, ErrorCode } from './errors.js';
import { openDatabase, type Database } from './db/database.js';
import { Outbox, serveOutboxEvents } from './db/outbox.js';
import { serveMetrics, subgraphMetrics, type SubgraphMetrics } from './metrics.js';
import { makeFormatError } from './format-error.js';
import { executeApollo, listen, sendJson, serveHealth, type RunningHttpServer } from './http/index.js';
import type { Logger } from './logger.js';

/** What every subgraph's resolvers get in their context. */
export interface BaseContext {
  /** The caller as the gateway vouched for them; null when anonymous. */
  identity: Identity | null;
  /**
   * The event a subscription operation is executed for. The gateway serves
   * subscriptions and runs a subgraph's part of one per event, as a plain
   * HTTP request with the event in `extensions.sourceEvent`; only requests
   * signed by the gateway get here. Resolvers validate it before use.
   */
  sourceEvent?: unknown;
}

/** What a subgraph's `setup` receives once its database and bus are up. */
export interface SubgraphRuntime {
  name: SubgraphName;
  config: PlatformConfig;
  database: Database;
  bus: EventBus;
  outbox: Outbox;
  /** Its Prometheus metrics (served at /metrics). */
  metrics: SubgraphMetrics;
  log: Logger;
}

export interface SubgraphParts<Ctx extends BaseContext> {
  // Codegen's resolver types are stricter than the map Apollo accepts.
  resolvers: object;
  context(identity: Identity | null): Ctx;
  /** Stops the subgraph's workers and consumers. */
  dispose?(): Promise<void>;
}

export interface SubgraphDefinition<Ctx extends BaseContext> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  migrationsFolder: string;
  setup(runtime: SubgraphRuntime): Promise<SubgraphParts<Ctx>>;
}

export interface StartSubgraphOptions {
  config: PlatformConfig;
  bus: EventBus;
  gatewayKeys: KeyRing;
  log: Logger;
  /** Overrides the configured port (tests use 0). */
  port?: number;
  /**
   * An already open (and migrated) database to share instead of opening one.
   * PGlite cannot be opened twice, so a second instance of a subgraph in the
   * same process reuses the first one's; the caller keeps ownership and
   * `dispose()` leaves it open.
   */
  database?: Database;
}

export interface RunningSubgraph {
  readonly name: SubgraphName;
  readonly url: string;
  readonly runtime: SubgraphRuntime;
  /**
   * Starts relaying the outbox to the bus. Call it once every subgraph in
   * the process has registered its consumers: the in-process bus delivers
   * only to consumers that exist when an event is published.
   */
  startRelay(): void;
  dispose(): Promise<void>;
}

const bodyLimit = 1024 * 1024;

/** Opens the database (migrating it), starts the outbox relay, the subgraph's workers and its HTTP server. */
export async function startSubgraph<Ctx extends BaseContext>(
  definition: SubgraphDefinition<Ctx>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const { name } = definition;
  const log = options.log.child({ subgraph: name });
  const database =
    options.database ??
    (await openDatabase({
      name,
      url: databaseUrlFor(options.config, name),
      dataDir: options.config.dataDir,
      migrationsFolder: definition.migrationsFolder,
      poolSize: options.config.databasePoolSize,
    }));
  const ownsDatabase = options.database === undefined;
  const metrics = subgraphMetrics(name);
  const outbox = new Outbox(database.db, name, options.bus, log, { metrics });
  const runtime: SubgraphRuntime = { name, config: options.config, database, bus: options.bus, outbox, metrics, log };
  const parts = await definition.setup(runtime);
  const outboxEvents = await serveOutboxEvents(options.bus, name, outbox);
  const apollo = new ApolloServer<Ctx>({
    schema: buildSubgraphSchema([
      { typeDefs: definition.typeDefs, resolvers: parts.resolvers as GraphQLResolverMap<unknown> },
    ]),
    formatError: makeFormatError(log),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Traces are for Apollo's hosted studio (we report nothing there), and
    // cache hints wrap every field resolver: on a 10,000-seat map that
    // doubles the execution time for hints nobody reads.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), sourceEventPlugin],
  });
  await apollo.start();
  const verifier = new GatewayTokenVerifier(options.gatewayKeys.publicJwks, name);
  const checks = {
    database: () => database.ping(),
    bus: () => options.bus.ping(),
    outbox: () => outbox.checkDraining(),
  };
  const http = await listen(
    async (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (await serveHealth(res, path, checks)) return;
      if (path === '/metrics' && req.method === 'GET') return serveMetrics(res, metrics.registry);
      if (path !== '/graphql') return sendJson(res, 404, { error: 'not found' });
      let identity: Identity | null;
      try {
        identity = await verifier.verify(headerValue(req.headers[gatewayTokenHeader]));
      } catch (err) {
        if (!(err instanceof GatewayTokenError)) throw err;
        return sendJson(res, 401, errorBody('Requests must come through the gateway', ErrorCode.Unauthenticated));
      }
      await executeApollo(apollo, req, res, async () => parts.context(identity), bodyLimit);
    },
    options.port ?? options.config.ports[name],
    options.config.host,
    log,
  );
  log.info({ url: `${http.url}/graphql` }, 'subgraph listening');
  let stopping: Promise<void> | undefined;
  return {
    name,
    url: `${http.url}/graphql`,
    runtime,
    startRelay: () => outbox.start(),
    // Once: a part stopped on its own (a test taking it away) is stopped again with its process.
    dispose: () =>
      (stopping ??= stop(
        http,
        [outboxEvents, parts],
        outbox,
        apollo as unknown as ApolloServer<BaseContext>,
        ownsDatabase ? database : undefined,
      )),
  };
}

/** Hands a subscription's source event (see BaseContext) to the resolvers. */
const sourceEventPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart({ request, contextValue }) {
    const event: unknown = request.extensions?.sourceEvent;
    if (event !== undefined) contextValue.sourceEvent = event;
  },
};

async function stop(
  http: RunningHttpServer,
  workers: Array<{ dispose?(): Promise<void> }>,
  outbox: Outbox,
  apollo: ApolloServer<BaseContext>,
  database: Database | undefined,
): Promise<void> {
  await http.dispose();
  for (const worker of workers) await worker.dispose?.();
  await outbox.dispose();
  await apollo.stop();
  await database?.dispose();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
