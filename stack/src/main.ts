/**
 * `pnpm start`: runs the platform. With no configuration, everything in one
 * process on PGlite and the in-process bus, seeded with demo data. With
 * DATABASE_URL and NATS_URL, the same on Postgres and JetStream; SERVICES
 * picks which parts this process runs (e.g. SERVICES=bookings).
 */
import { ConfigError, createLogger, loadConfig, subgraphNames } from '@seats/platform';
import { adminSession, withAdminCredentials } from './admin.js';
import { graphqlRequest } from './client.js';
import { seedDemoData } from './seed.js';
import { startStack, type RunningStack } from './stack.js';

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { config, generated } = withAdminCredentials(loaded);
  const log = createLogger('seats', config.logLevel);
  const stack = await startStack({ config, log });
  registerShutdown(stack, log);
  if (!stack.gatewayUrl) return printParts(stack);
  const graphqlUrl = `${stack.gatewayUrl}/graphql`;
  const token =
    config.adminEmail && config.adminPassword
      ? await adminSession(graphqlUrl, config.adminEmail, config.adminPassword)
      : null;
  if (config.seed === 'auto') await seedIfEmpty(graphqlUrl, token, log);
  const showId = await firstShowId(graphqlUrl).catch(() => undefined);
  printBanner(stack, config.adminEmail, generated && token ? config.adminPassword : undefined, showId);
}

/** A show to point the seat-map link at: the first movie's first upcoming one. */
async function firstShowId(graphqlUrl: string): Promise<string | undefined> {
  const data = await graphqlRequest<{ movies: { edges: Array<{ node: { shows: Array<{ id: string }> } }> } }>(
    graphqlUrl,
    '{ movies(first: 5) { edges { node { shows { id } } } } }',
  );
  return data.movies.edges.flatMap((e) => e.node.shows)[0]?.id;
}

async function seedIfEmpty(
  graphqlUrl: string,
  token: string | null,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
  const data = await graphqlRequest<{ movies: { edges: unknown[] } }>(
    graphqlUrl,
    '{ movies(first: 1) { edges { cursor } } }',
  );
  if (data.movies.edges.length > 0) return;
  if (!token) {
    log.warn('the database is empty but no admin session is available to seed it (set ADMIN_EMAIL and ADMIN_PASSWORD)');
    return;
  }
  const started = Date.now();
  const result = await seedDemoData((query, variables) => graphqlRequest(graphqlUrl, query, variables, token), log);
  log.info({ ...result, ms: Date.now() - started }, 'demo data loaded');
}

function printBanner(
  stack: RunningStack,
  adminEmail: string | undefined,
  newPassword: string | undefined,
  showId: string | undefined,
): void {
  const url = stack.gatewayUrl ?? '';
  const lines = [
    '',
    'Seats is running.',
    `  GraphQL       ${url}/graphql`,
    `  Live          ${url.replace(/^http/, 'ws')}/graphql   (graphql-ws subscriptions)`,
    ...(stack.config.graphiqlEnabled ? [`  GraphiQL      ${url}/graphiql`] : []),
    ...(stack.config.seatMapPageEnabled && showId ? [`  Seat map      ${url}/seatmap/${showId}`] : []),
    `  Metrics       ${url}/metrics`,
    `  JWKS          ${url}/.well-known/jwks.json`,
    `  Health        ${url}/healthz  ${url}/readyz`,
    ...subgraphNames.flatMap((name) => {
      const s = stack.subgraphs[name];
      return s ? [`  ${name.padEnd(13)} ${s.url}`] : [];
    }),
    `  Mode          ${stack.config.databaseUrl ? 'Postgres' : `PGlite in ${stack.config.dataDir}`}, ${stack.bus.kind === 'nats' ? 'NATS JetStream' : 'in-process bus'}`,
  ];
  if (adminEmail && newPassword) {
    lines.push(`  Admin         ${adminEmail} / ${newPassword}   (generated now and shown only once)`);
  } else if (adminEmail) {
    lines.push(`  Admin         ${adminEmail}`);
  }
  console.log(lines.join('\n') + '\n');
}

function printParts(stack: RunningStack): void {
  console.log(
    Object.values(stack.subgraphs)
      .map((s) => `${s.name} ${s.url}`)
      .join('\n'),
  );
}

function registerShutdown(stack: RunningStack, log: ReturnType<typeof createLogger>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    stack.dispose().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
