/**
 * `pnpm bench:seatmap`: what the seat map of the 10,000-seat Grand Hall
 * costs through the gateway, for 1, 10 and 100 concurrent readers, in the
 * forms a client can ask for:
 *
 *   - full: `seatMap { version seats { id label row … price status x y accessible } }`
 *     (10,000 seat objects per response);
 *   - compact: `seatMap { version statuses layout { url revision } prices { … } }`
 *     (one status character per seat; the layout is fetched once per revision
 *     from `layout.url`, which is measured on its own row, gzipped);
 *
 * each for anonymous readers (identical requests, which the gateway may
 * share) and signed-in readers (one account per reader: never shared), and
 * the layout's URL. Starts the embedded platform (PGlite in a temporary
 * folder, in-process bus) on free loopback ports, loads the demo data, and
 * reads for a bounded time per level from a child process (so the readers
 * do not share the platform's event loop). Prints the command, the
 * machine's load, latency percentiles and throughput, then disposes of
 * everything.
 *
 * It measures the production configuration (NODE_ENV=production, as the
 * Dockerfile and docker-compose run it: graphql-js then skips its
 * development-only checks); `--development` measures `pnpm start`'s default.
 * Each request gives up after `--timeout` seconds and counts as an error.
 *
 * `--services` runs it on Postgres and NATS instead (a scratch database and
 * bus prefix, dropped afterwards), still in one process.
 *
 *   pnpm bench:seatmap [--seconds 5] [--max-requests 5000] [--timeout 60] [--forms full,compact,layout]
 *                      [--readers anonymous,signed-in] [--development]
 *                      [--services [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--nats nats://127.0.0.1:4222]]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bounded, row, runLoad, stats, type LoadJob } from './support/load.js';

const levels = [1, 10, 100];

const fullQuery = `query BenchSeatMap($id: ID!) {
  show(id: $id) {
    seatMap { version seats { id label row number category status price { amount currency } x y accessible } }
  }
}`;

const compactQuery = `query BenchCompactSeatMap($id: ID!) {
  show(id: $id) {
    seatMap { version statuses layout { url revision } prices { category price { amount currency } } }
  }
}`;

const forms = ['full', 'compact', 'layout'] as const;
type Form = (typeof forms)[number];
const readerKinds = ['anonymous', 'signed-in'] as const;
type Readers = (typeof readerKinds)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      'max-requests': { type: 'string', default: '5000' },
      timeout: { type: 'string', default: '60' },
      forms: { type: 'string', default: forms.join(',') },
      readers: { type: 'string', default: readerKinds.join(',') },
      development: { type: 'boolean', default: false },
      services: { type: 'boolean', default: false },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      nats: { type: 'string', default: 'nats://127.0.0.1:4222' },
    },
  });
  const chosenForms = forms.filter((f) => values.forms.split(',').includes(f));
  const chosenReaders = readerKinds.filter((r) => values.readers.split(',').includes(r));
  const nodeEnv = values.development ? 'development' : 'production';
  // graphql-js reads NODE_ENV when it is first imported: set it before loading the platform.
  process.env.NODE_ENV = nodeEnv;
  const limits = {
    durationMs: bounded(Number(values.seconds), 1, 60) * 1000,
    maxRequests: bounded(Number(values['max-requests']), 1, 100_000),
    timeoutMs: bounded(Number(values.timeout), 1, 300) * 1000,
  };
  const { createLogger, loadConfig } = await import('../platform/src/index.js');
  const { startStack } = await import('../stack/src/stack.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-bench-'));
  const tag = randomBytes(4).toString('hex');
  const { createServices } = await import('../stack/test/support/services.js');
  const services = values.services ? await createServices(tag, values.postgres, values.nats) : undefined;
  const admin = { email: 'bench@seats.local', password: randomBytes(12).toString('base64url') };
  const config = loadConfig({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: nodeEnv,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SEED: 'never',
    // One account per signed-in reader, all registered from this address.
    RATE_LIMIT_REGISTER: 'off',
    ...(services ? { DATABASE_URL: services.databaseUrl, NATS_URL: services.natsUrl, BUS_PREFIX: `t${tag}` } : {}),
  });
  const stack = await startStack({ config, log: createLogger('bench', config.logLevel), randomPorts: true });
  try {
    const mode = services ? 'services (Postgres, NATS)' : 'embedded (PGlite, in-process bus)';
    await measure(stack.gatewayUrl!, admin, limits, `${mode}, NODE_ENV=${nodeEnv}`, chosenForms, chosenReaders);
  } finally {
    await stack.dispose();
    await services?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(
  baseUrl: string,
  admin: { email: string; password: string },
  limits: Pick<LoadJob, 'durationMs' | 'maxRequests' | 'timeoutMs'>,
  setting: string,
  chosenForms: readonly Form[],
  chosenReaders: readonly Readers[],
): Promise<void> {
  const url = `${baseUrl}/graphql`;
  const { loadDemoData, demoScreenings } = await import('./support/demo.js');
  const { graphqlRequest } = await import('../stack/src/client.js');
  await loadDemoData(url, admin);
  const id = (await demoScreenings(url)).grandHall;
  const fullBody = JSON.stringify({ query: fullQuery, variables: { id } });
  const compactBody = JSON.stringify({ query: compactQuery, variables: { id } });
  const fullBytes = await checkFull(url, fullBody);
  const { bytes: compactBytes, layoutUrl } = await checkCompact(url, compactBody);
  const layoutBytes = await checkLayout(`${baseUrl}${layoutUrl}`);
  const tokens = chosenReaders.includes('signed-in') ? await signIn(url, Math.max(...levels), graphqlRequest) : [];
  console.log(`\n$ pnpm bench:seatmap ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log(
    `machine: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${setting}; through ${baseUrl}`,
  );
  console.log(
    `Grand Hall seat map, 10,000 seats: full ${(fullBytes / 1e6).toFixed(2)} MB, compact ${(compactBytes / 1e3).toFixed(1)} kB, ` +
      `layout ${(layoutBytes / 1e3).toFixed(1)} kB gzipped (once per revision)` +
      `\n${limits.durationMs / 1000} s or ${limits.maxRequests} requests per level (first reached), after a warm-up\n`,
  );
  console.log(row('form', 'readers', 'clients', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'maps/s'));
  for (const form of chosenForms) {
    for (const readers of form === 'layout' ? (['anonymous'] as const) : chosenReaders) {
      for (const concurrency of levels) {
        const job = jobOf(form, readers, concurrency, { url, baseUrl, layoutUrl, fullBody, compactBody, tokens });
        await runLoad({ ...job, concurrency: 2, durationMs: 1000, maxRequests: 10, timeoutMs: limits.timeoutMs });
        const result = await runLoad({ ...job, concurrency, ...limits });
        const s = stats(result);
        console.log(
          row(
            form,
            readers,
            String(concurrency),
            String(s.requests),
            String(result.errors),
            s.p50.toFixed(1),
            s.p99.toFixed(1),
            s.max.toFixed(1),
            s.perSecond.toFixed(1),
          ),
        );
        if (result.firstError) console.log(`         first error: ${result.firstError}`);
      }
    }
  }
}

interface Targets {
  url: string;
  baseUrl: string;
  layoutUrl: string;
  fullBody: string;
  compactBody: string;
  tokens: string[];
}

/** The load of one row: the same request over and over, or one account per client in turn. */
function jobOf(
  form: Form,
  readers: Readers,
  concurrency: number,
  t: Targets,
): Omit<LoadJob, 'concurrency' | 'durationMs' | 'maxRequests' | 'timeoutMs'> {
  if (form === 'layout') {
    const headers = { 'accept-encoding': 'gzip' };
    return { url: `${t.baseUrl}${t.layoutUrl}`, method: 'GET', body: '', expect: '', headers };
  }
  const body = form === 'full' ? t.fullBody : t.compactBody;
  const expect = '"seatMap"';
  if (readers === 'anonymous') return { url: t.url, body, expect };
  // Client i reads as account i: no two clients' requests are alike.
  const clientHeaders = t.tokens.slice(0, concurrency).map((token) => ({ authorization: `Bearer ${token}` }));
  return { url: t.url, body, expect, clientHeaders };
}

/** Registers one account per signed-in reader; returns their access tokens. */
async function signIn(
  url: string,
  count: number,
  request: <T>(url: string, query: string, variables?: Record<string, unknown>) => Promise<T>,
): Promise<string[]> {
  const run = randomBytes(4).toString('hex');
  const register = 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }';
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = {
      email: `reader-${run}-${i}@bench.local`,
      password: randomBytes(12).toString('base64url'),
      name: `Reader ${i}`,
    };
    const data = await request<{ register: { accessToken: string } }>(url, register, { input });
    tokens.push(data.register.accessToken);
  }
  return tokens;
}

/** One full read, parsed and checked; returns the response size. */
async function checkFull(url: string, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: { show?: { seatMap?: { seats: unknown[] } } } };
  const seats = parsed.data?.show?.seatMap?.seats.length;
  if (seats !== 10_000) throw new Error(`expected 10,000 seats, got ${seats}: ${text.slice(0, 300)}`);
  return Buffer.byteLength(text);
}

/** One compact read, checked; returns its size and the layout's address. */
async function checkCompact(url: string, body: string): Promise<{ bytes: number; layoutUrl: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: { show?: { seatMap?: { statuses: string; layout: { url: string } } } } };
  const map = parsed.data?.show?.seatMap;
  if (map?.statuses.length !== 10_000) throw new Error(`expected 10,000 statuses: ${text.slice(0, 300)}`);
  return { bytes: Buffer.byteLength(text), layoutUrl: map.layout.url };
}

/** The layout once, gzipped, checked; returns the bytes sent. */
async function checkLayout(url: string): Promise<number> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
  const layout = (await response.json()) as { seats?: unknown[] };
  if (response.status !== 200 || layout.seats?.length !== 10_000) throw new Error(`layout ${url}: ${response.status}`);
  return Number(response.headers.get('content-length'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
