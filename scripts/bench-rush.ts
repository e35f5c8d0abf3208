/**
 * `pnpm bench:rush`: an on-sale rush, the workload that matters. One Grand
 * Hall screening of the demo data (10,000 seats) goes on sale while
 *
 *   - `--watchers` graphql-ws clients watch its seat map, each keeping its
 *     own view by the resync rule (subscribe, buffer, load the map, apply
 *     frames above the applied version, reload on a gap after a short random
 *     delay), in child processes (bench-rush-watchers.ts, at most 15,000 per
 *     process, each on its own 127.0.0.x source address);
 *   - `--buyers` signed-in accounts buy in a closed loop of `--concurrency`
 *     purchases at a time, in child processes (bench-rush-buyers.ts): load
 *     the map, pick a free seat at random and a free neighbour in its row,
 *     lockSeats (on SEATS_UNAVAILABLE reload and pick again, at most
 *     `--attempts` times), checkout with tok_visa and an idempotency key.
 *
 * It prints the command line, the machine's load before and after, and a
 * table beside the targets: the time from the first hold sent until every
 * seat was sold (or the `--window` ended), sales per second, p50/p99 of the
 * map load, hold and checkout, errors by code (SEATS_UNAVAILABLE, expected
 * in a rush, apart from the rest), live delivery p50/p99 (receive time at a
 * sampled watcher minus the time the buyer got the reply that made the
 * change, matched by seat: `--sample` watchers, spread evenly over the
 * processes and over each one's watchers, stamp every seat's HELD and
 * BOOKED), the watchers whose final
 * view differs from the final map (loaded once the version stops moving),
 * and seats claimed twice in Postgres. Targets are reported, not asserted:
 * the exit code is 0 whenever the run completed.
 *
 * Services mode, as an operator runs it (bench-rush-platform.ts): a scratch
 * Postgres database and NATS prefix; the gateway, bookings and the other
 * subgraphs each in a `pnpm start` process on fixed loopback ports from
 * `--port`; NODE_ENV=production, LOG_LEVEL=warn, the rate limits of the
 * operations sent switched off and the WebSocket caps lifted to fit. The
 * accounts register before the clock starts. Every phase has a time limit,
 * the whole run gives up after `--timeout` seconds, and in every case each
 * process is stopped (or killed) and the database dropped. Loopback only.
 *
 *   pnpm bench:rush [--watchers 10000] [--buyers 5000] [--concurrency 200] [--window 120] [--attempts 5]
 *                   [--sample 500] [--watcher-processes 1] [--buyer-processes 1] [--connect-concurrency 200]
 *                   [--reload-delay 1000] [--pool 10] [--port 4400] [--timeout 900]
 *                   [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--nats nats://127.0.0.1:4222]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { graphqlRequest } from '../stack/src/client.js';
import { createServices, type Services } from '../stack/test/support/services.js';
import { Child, children } from './bench-live-child.js';
import type { BuyerJob, BuyerReport, RunReport } from './bench-rush-buyers.js';
import {
  clock,
  GatewayClient,
  loadFullSeatMap,
  loadLayout,
  sleep,
  type Layout,
  type SeatMapState,
} from './bench-rush-client.js';
import { killPlatform, Platform } from './bench-rush-platform.js';
import { details, figures, table, type RushResult } from './bench-rush-report.js';
import type { CollectReport, WatcherJob, WatcherReport } from './bench-rush-watchers.js';
import { demoScreenings, loadDemoData } from './support/demo.js';
import { bounded } from './support/load.js';

/** Watchers per process: under the 20,000 descriptors a process may open, and the ports of one source address. */
const watchersPerProcess = 15_000;
/** A setup phase (start, registration, connecting) that takes longer fails the run. */
const phaseTimeoutMs = 300_000;
/** Registrations sent at once (each is an argon2 hash in the users process). */
const registerConcurrency = 16;
/** How long the live traffic may take to settle after the sale, and the watchers to reach the final map. */
const settleTimeoutMs = 60_000;

interface Options {
  watchers: number;
  buyers: number;
  concurrency: number;
  windowMs: number;
  attempts: number;
  sample: number;
  watcherProcesses: number;
  buyerProcesses: number;
  connectConcurrency: number;
  reloadDelayMs: number;
  pool: number;
  port: number;
  timeoutMs: number;
  postgres: string;
  nats: string;
}

/** What the clean-up after a timeout or an interrupt must remove. */
const cleanup: { services?: Services; dataDir?: string } = {};

async function main(): Promise<void> {
  const options = readOptions();
  console.log(`pnpm bench:rush ${process.argv.slice(2).join(' ')}`.trim());
  console.log(`machine before: ${machineLoad()}`);
  setTimeout(() => {
    console.error(`\nGiving up after ${options.timeoutMs / 1000} s.`);
    void abandon(1);
  }, options.timeoutMs).unref();
  process.once('SIGINT', () => void abandon(130));
  process.once('SIGTERM', () => void abandon(143));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-bench-rush-'));
  cleanup.dataDir = dataDir;
  const tag = randomBytes(4).toString('hex');
  const services = await createServices(tag, options.postgres, options.nats);
  cleanup.services = services;
  const sql = postgres(services.databaseUrl, { max: 1, onnotice: () => {} });
  const admin = { email: 'bench@seats.local', password: randomBytes(12).toString('base64url') };
  let platform: Platform | undefined;
  try {
    platform = await Platform.start({
      basePort: options.port,
      databaseUrl: services.databaseUrl,
      natsUrl: services.natsUrl,
      busPrefix: `t${tag}`,
      dataDir,
      admin,
      connections: options.watchers + 1000,
      poolSize: options.pool,
      startTimeoutMs: phaseTimeoutMs,
    });
    const sale = await prepare(platform.url, admin, options);
    const result = await rush(platform, sale, sql, options);
    const f = figures(result);
    console.log(`\n${table(result, f)}\n\n${details(result, f)}\n\nmachine after: ${machineLoad()}`);
  } finally {
    await Promise.all([...children].map((child) => child.stop()));
    await platform?.stop();
    await sql.end();
    await services.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

/** What the sale starts from. */
interface Sale {
  showId: string;
  layout: Layout;
  tokens: string[];
  watchers: Array<Child<WatcherJob, WatcherReport>>;
  /** The bench's own reads of the seat map. */
  client: GatewayClient;
}

/** Everything before the clock starts: the demo data, the show, the accounts, the layout, the watchers. */
async function prepare(baseUrl: string, admin: { email: string; password: string }, options: Options): Promise<Sale> {
  const graphqlUrl = `${baseUrl}/graphql`;
  await phase('loading the demo data', phaseTimeoutMs, () => loadDemoData(graphqlUrl, admin));
  const { grandHall: showId } = await phase('finding the Grand Hall screening', phaseTimeoutMs, () =>
    demoScreenings(graphqlUrl),
  );
  // Each registration is an argon2 hash: a slow machine needs its time.
  const tokens = await phase('registering the buyers', Math.max(phaseTimeoutMs, options.buyers * 120), () =>
    registerBuyers(graphqlUrl, options.buyers),
  );
  const client = new GatewayClient(baseUrl, { maxSockets: 4, timeoutMs: 60_000 });
  const layout = await phase('reading the layout', phaseTimeoutMs, () => loadLayout(client, showId));
  const watchers = await phase('connecting the watchers', phaseTimeoutMs, () =>
    connectWatchers(baseUrl, showId, options),
  );
  return { showId, layout, tokens, watchers, client };
}

/** The sale, then what it left: the final map, the watchers' views of it, the claims in Postgres. */
async function rush(platform: Platform, sale: Sale, sql: postgres.Sql, options: Options): Promise<RushResult> {
  const { showId, layout, watchers, client } = sale;
  console.log(
    `\nOn sale: show ${showId} (${layout.codes.length} seats), ${options.watchers} watchers in ` +
      `${watchers.length} process(es), ${options.buyers} buyers ${options.concurrency} at a time in ` +
      `${options.buyerProcesses} process(es), a ${options.windowMs / 1000} s window; machine: ${machineLoad()}`,
  );
  const cpuBefore = platform.cpuSeconds();
  const started = performance.now();
  const buyers = await sell(platform.url, showId, sale.tokens, options);
  const saleSeconds = (performance.now() - started) / 1000;
  const cpuAfter = platform.cpuSeconds();
  const cpu = Object.fromEntries(
    Object.entries(cpuAfter).map(([part, seconds]) => [part, seconds - (cpuBefore[part] ?? NaN)]),
  );
  const final = await phase('loading the final map', settleTimeoutMs + 30_000, () =>
    settledMap(client, showId, layout),
  );
  const collect: WatcherJob = { type: 'collect', final, timeoutMs: settleTimeoutMs };
  const views: CollectReport[] = await Promise.all(
    watchers.map((child) => child.request(collect, 'collected', settleTimeoutMs + 60_000)),
  );
  const database = await phase('counting claims in Postgres', phaseTimeoutMs, () => claims(sql, showId));
  client.dispose();
  return {
    seatCount: layout.codes.length,
    windowMs: options.windowMs,
    buyers,
    watchers: views,
    final,
    database,
    cpu: { platform: cpu, saleSeconds },
  };
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      watchers: { type: 'string', default: '10000' },
      buyers: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '200' },
      window: { type: 'string', default: '120' },
      attempts: { type: 'string', default: '5' },
      sample: { type: 'string', default: '500' },
      'watcher-processes': { type: 'string' },
      'buyer-processes': { type: 'string', default: '1' },
      'connect-concurrency': { type: 'string', default: '200' },
      'reload-delay': { type: 'string', default: '1000' },
      pool: { type: 'string', default: '10' },
      port: { type: 'string', default: '4400' },
      timeout: { type: 'string', default: '900' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      nats: { type: 'string', default: 'nats://127.0.0.1:4222' },
    },
  });
  const watchers = bounded(Number(values.watchers), 1, 100_000);
  const buyers = bounded(Number(values.buyers), 1, 20_000);
  return {
    watchers,
    buyers,
    concurrency: bounded(Number(values.concurrency), 1, Math.min(buyers, 2000)),
    windowMs: bounded(Number(values.window), 5, 3600) * 1000,
    attempts: bounded(Number(values.attempts), 1, 100),
    sample: bounded(Number(values.sample), 0, watchers),
    watcherProcesses: bounded(
      Number(values['watcher-processes'] ?? Math.ceil(watchers / watchersPerProcess)),
      Math.ceil(watchers / watchersPerProcess),
      64,
    ),
    buyerProcesses: bounded(Number(values['buyer-processes']), 1, 16),
    connectConcurrency: bounded(Number(values['connect-concurrency']), 1, 5000),
    reloadDelayMs: bounded(Number(values['reload-delay']), 0, 60_000),
    pool: bounded(Number(values.pool), 1, 40),
    port: bounded(Number(values.port), 1024, 65_000),
    timeoutMs: bounded(Number(values.timeout), 30, 7200) * 1000,
    postgres: values.postgres,
    nats: values.nats,
  };
}

/** Runs one step, failing the run when it takes longer than `timeoutMs` (the step is then abandoned). */
async function phase<T>(name: string, timeoutMs: number, step: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  const work = step();
  // A step that lost the race may still fail later: that is no longer news.
  work.catch(() => {});
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every process, drops the database (bounded), removes the folder and exits (timeouts, interrupts, errors). */
async function abandon(code: number): Promise<void> {
  for (const child of children) child.kill();
  killPlatform();
  await Promise.race([cleanup.services?.dispose().catch(() => {}), sleep(15_000)]);
  if (cleanup.dataDir) fs.rmSync(cleanup.dataDir, { recursive: true, force: true });
  process.exit(code);
}

/** Registers the buyers' accounts, `registerConcurrency` at a time; their access tokens. */
async function registerBuyers(url: string, count: number): Promise<string[]> {
  console.log(`Registering ${count} buyers ...`);
  const started = performance.now();
  const tokens: string[] = [];
  let next = 0;
  const register = async () => {
    while (next < count) {
      const i = next++;
      const data = await graphqlRequest<{ register: { accessToken: string } }>(
        url,
        'mutation Register($input: RegisterInput!) { register(input: $input) { accessToken } }',
        {
          input: {
            email: `buyer-${i}@bench.seats.local`,
            password: randomBytes(12).toString('base64url'),
            name: `Buyer ${i}`,
          },
        },
      );
      tokens.push(data.register.accessToken);
    }
  };
  await Promise.all(Array.from({ length: Math.min(registerConcurrency, count) }, register));
  console.log(`Registered ${count} buyers in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return tokens;
}

/** Opens the watchers in their processes; resolves once the gateway counts every one that connected. */
async function connectWatchers(
  baseUrl: string,
  showId: string,
  options: Options,
): Promise<Array<Child<WatcherJob, WatcherReport>>> {
  const counts = split(options.watchers, options.watcherProcesses);
  const samples = split(options.sample, options.watcherProcesses);
  const helpers = counts.map((_, i) => new Child<WatcherJob, WatcherReport>(`watchers ${i}`, 'bench-rush-watchers.ts'));
  const started = performance.now();
  await Promise.all(helpers.map((child) => child.loaded));
  const reports = await Promise.all(
    helpers.map((child, i) =>
      child.request(
        {
          type: 'connect',
          url: baseUrl,
          // One loopback source address per process, so that no process runs out of ephemeral ports.
          localAddress: `127.0.0.${i + 1}`,
          showId,
          count: counts[i] ?? 0,
          concurrency: Math.ceil(options.connectConcurrency / helpers.length),
          sampled: samples[i] ?? 0,
          reloadDelayMs: options.reloadDelayMs,
          timeoutMs: phaseTimeoutMs,
        },
        'connected',
        phaseTimeoutMs + 30_000,
      ),
    ),
  );
  const opened = reports.reduce((total, report) => total + report.opened, 0);
  const failure = reports.find((report) => report.firstFailure)?.firstFailure;
  if (opened < options.watchers) {
    throw new Error(`${opened} of ${options.watchers} watchers connected; first failure: ${failure}`);
  }
  await watchersCounted(baseUrl, opened);
  console.log(`Connected ${opened} watchers in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return helpers;
}

/** Waits until the gateway's `seats_live_watchers` counts `count` subscriptions, so the first change reaches all. */
async function watchersCounted(baseUrl: string, count: number): Promise<void> {
  const deadline = Date.now() + phaseTimeoutMs;
  let value = NaN;
  while (Date.now() < deadline) {
    const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
    value = Number(/^seats_live_watchers (\S+)$/m.exec(text)?.[1]);
    if (value >= count) return;
    await sleep(200);
  }
  throw new Error(`the gateway counted ${value} of ${count} watchers`);
}

/** Runs the buyer processes from one start time to the end of the window; their reports. */
async function sell(baseUrl: string, showId: string, tokens: string[], options: Options): Promise<RunReport[]> {
  const accounts = split(tokens.length, options.buyerProcesses);
  const loops = split(options.concurrency, options.buyerProcesses);
  const helpers = accounts.map((_, i) => new Child<BuyerJob, BuyerReport>(`buyers ${i}`, 'bench-rush-buyers.ts'));
  await Promise.all(helpers.map((child) => child.loaded));
  // Each process loads the layout before it starts; then all start together.
  const startAt = clock() + 3000;
  const requestTimeoutMs = 30_000;
  let offset = 0;
  const reports = await Promise.all(
    helpers.map((child, i) => {
      const share = tokens.slice(offset, (offset += accounts[i] ?? 0));
      return child.request(
        {
          type: 'run',
          url: baseUrl,
          showId,
          tokens: share,
          concurrency: loops[i] ?? 1,
          startAt,
          endAt: startAt + options.windowMs,
          attempts: options.attempts,
          timeoutMs: requestTimeoutMs,
        },
        'done',
        options.windowMs + 3000 + 4 * requestTimeoutMs,
      );
    }),
  );
  await Promise.all(helpers.map((child) => child.stop()));
  return reports;
}

/** The final seat map (full form), once its version has stayed put for a second (bounded). */
async function settledMap(client: GatewayClient, showId: string, layout: Layout): Promise<SeatMapState> {
  const deadline = Date.now() + settleTimeoutMs;
  let map = await loadFullSeatMap(client, showId, layout);
  while (Date.now() < deadline) {
    await sleep(1000);
    const next = await loadFullSeatMap(client, showId, layout);
    if (next.version === map.version) return next;
    map = next;
  }
  return map;
}

/**
 * From Postgres: seats of the show in confirmed bookings, and seats claimed
 * by more than one converted hold or confirmed booking (double bookings).
 */
async function claims(sql: postgres.Sql, showId: string): Promise<{ soldSeats: number; doubleBooked: number }> {
  const [row] = await sql<Array<{ soldSeats: number; doubleBooked: number }>>`
    with claims as (
      select hs.seat_id, count(distinct h.id) as holds,
             count(distinct h.id) filter (where b.status = 'CONFIRMED') as confirmed
      from bookings.hold_seats hs
      join bookings.holds h on h.id = hs.hold_id
      left join bookings.bookings b on b.hold_id = h.id
      where hs.show_id = ${showId} and (h.status = 'CONVERTED' or b.status = 'CONFIRMED')
      group by hs.seat_id
    )
    select (count(*) filter (where confirmed > 0))::int as "soldSeats",
           (count(*) filter (where holds > 1))::int as "doubleBooked"
    from claims`;
  return row ?? { soldSeats: 0, doubleBooked: 0 };
}

function machineLoad(): string {
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return `load average ${load} on ${os.cpus().length} CPUs`;
}

/** `total` as evenly as possible over `parts`. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

// Last, so that every constant above is initialised when it runs.
main().catch((err: unknown) => {
  console.error(err);
  void abandon(1);
});
