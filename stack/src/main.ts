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
  printBanner(stack, config.adminEmail, generated && token ? config.adminPassword : undefined);
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

function printBanner(stack: RunningStack, adminEmail: string | undefined, newPassword: string | undefined): void {
  const lines = [
    '',
    'Seats is running.',
    `  GraphQL       ${stack.gatewayUrl}/graphql`,
    ...(stack.config.graphiqlEnabled ? [`  GraphiQL      ${stack.gatewayUrl}/graphiql`] : []),
    `  JWKS          ${stack.gatewayUrl}/.well-known/jwks.json`,
    `  Health        ${stack.gatewayUrl}/healthz  ${stack.gatewayUrl}/readyz`,
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
