/**
 * `pnpm bench:live`: what live seat maps cost the gateway per subscriber, and
 * how fast a burst of seat holds reaches 1,000 and 10,000 subscribers of one
 * show.
 *
 * The embedded platform (PGlite in a temporary folder, in-process bus) runs
 * in a child process on free loopback ports (bench-live-platform.ts), so its
 * memory figures are the gateway's and the subgraphs' alone; the subscribers
 * are graphql-ws connections in other child processes
 * (bench-live-watchers.ts, at most 15,000 per process, each process on its
 * own 127.0.0.x source address). The demo data is loaded once; each level
 * then gets a fresh platform on the same data, a small warm-up round, and:
 *
 * - memory per connection: the gateway process's RSS and V8 heap in use (its
 *   /metrics, after a forced garbage collection) with no subscriber, and
 *   again once `seats_live_watchers` counts all N; the difference over N;
 * - a burst of `--holds` lockSeats (1 or 2 seats each, by `--users`
 *   accounts), sent at once or `--interval` ms apart. Each subscriber stamps
 *   each change it receives, matched to its hold by the seats it reports
 *   (a frame that merged several changes stamps each of them). Latency is
 *   receive time minus the hold's send time, over every subscriber and
 *   hold; "reply p50/p99" the same from the moment the hold's reply came
 *   back (what a watcher sees beside the buyer); "missing" counts changes a subscriber never got
 *   (within `--deliver-timeout` seconds), "gaps" versions a subscriber
 *   skipped, "fan-out" runs from the first send to the last delivery. Below
 *   the table: per-change figures (first delivery after the send, last after
 *   the first), lockSeats reply times, CPU and event-loop delay of the
 *   gateway process during the burst, and any failure seen.
 *
 * It runs the production configuration (NODE_ENV=production), lifts the
 * WebSocket connection caps to fit the level and switches off the rate
 * limits of the mutations it sends. Every phase has a time limit and the
 * whole run gives up after `--timeout` seconds; the helper processes are
 * stopped (or killed) and the folder removed in every case.
 *
 *   pnpm bench:live [--levels 1000,10000] [--holds 50] [--users 5] [--interval 0]
 *                   [--client-processes 1] [--connect-concurrency 100] [--deliver-timeout 120] [--timeout 900]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { rateLimitVariable } from '../platform/src/config.js';
import { graphqlRequest } from '../stack/src/client.js';
import { Child, children } from './bench-live-child.js';
import type { PlatformJob, PlatformReport } from './bench-live-platform.js';
import { deliveries, details, header, row, type LevelResult, type Memory, type Sent } from './bench-live-report.js';
import { bounded } from './support/load.js';
import type { CollectReport, ConnectReport, WatcherJob, WatcherReport } from './bench-live-watchers.js';

const watchQuery = `subscription Watch($showId: ID!) {
  seatMapChanged(showId: $showId) { version fromVersion change seats { id status } }
}`;
const lockMutation = 'mutation Hold($input: LockSeatsInput!) { lockSeats(input: $input) { id } }';
const releaseMutation = 'mutation Release($holdId: ID!) { releaseSeats(holdId: $holdId) }';
const loginMutation = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }';
const registerMutation = 'mutation Register($input: RegisterInput!) { register(input: $input) { accessToken } }';

/** A phase (start, connect, burst, shutdown) that takes longer fails the run. */
const phaseTimeoutMs = 180_000;
/** Subscribers per process: under the 20,000 descriptors a process may open, and the ports of one source address. */
const subscribersPerProcess = 15_000;
/** A small round on each fresh platform before anything is measured. */
const warmUp = { subscribers: 20, holds: 4 };

interface Options {
  levels: number[];
  holds: number;
  users: number;
  intervalMs: number;
  clientProcesses: number;
  connectConcurrency: number;
  deliverTimeoutMs: number;
}

interface Account {
  email: string;
  password: string;
}

/** What every level shares: the data folder, the accounts and the watched show. */
interface Setup {
  dataDir: string;
  admin: Account;
  users: Account[];
  showId: string;
}

/** A running platform: its process, its gateway and the users signed in to it. */
interface Target {
  platform: Child<PlatformJob, PlatformReport>;
  url: string;
  showId: string;
  tokens: string[];
}

interface Burst {
  /** The show's version before the burst. */
  baseVersion: number;
  holds: Array<{ seatIds: string[]; token: string }>;
  /** Which hold each seat belongs to. */
  seatHolds: Record<string, number>;
}

/** Subscribers connected for a burst, in their processes. */
interface Watchers {
  processes: Array<Child<WatcherJob, WatcherReport>>;
  reports: ConnectReport[];
  ms: number;
}

/** Milliseconds since the epoch, with the resolution of `performance.now()`: comparable across processes. */
const clock = (): number => performance.timeOrigin + performance.now();
let cleanupFolder: string | undefined;

async function main(): Promise<void> {
  const { options, timeoutMs } = readOptions();
  setTimeout(() => {
    console.error(`\nGiving up after ${timeoutMs / 1000} s.`);
    abandon(1);
  }, timeoutMs).unref();
  process.once('SIGINT', () => abandon(130));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-bench-live-'));
  cleanupFolder = dataDir;
  try {
    const setup = await prepare(dataDir, options);
    console.log(
      `\nOne show (${setup.showId}), ${options.holds} holds of 1-2 seats by ${options.users} users ` +
        `${options.intervalMs ? `${options.intervalMs} ms apart` : 'sent at once'}, NODE_ENV=production; ` +
        `memory from the gateway's /metrics after a forced GC\n`,
    );
    console.log(header());
    const results: string[] = [];
    for (const subscribers of options.levels) {
      const result = await level(setup, options, subscribers);
      const d = deliveries(result.reports, result.sent);
      console.log(row(result, d));
      results.push(details(result, d));
    }
    console.log(`\n${results.join('\n\n')}`);
  } finally {
    await Promise.all([...children].map((child) => child.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

function readOptions(): { options: Options; timeoutMs: number } {
  const { values } = parseArgs({
    options: {
      levels: { type: 'string', default: '1000,10000' },
      holds: { type: 'string', default: '50' },
      users: { type: 'string', default: '5' },
      interval: { type: 'string', default: '0' },
      'client-processes': { type: 'string', default: '1' },
      'connect-concurrency': { type: 'string', default: '100' },
      'deliver-timeout': { type: 'string', default: '120' },
      timeout: { type: 'string', default: '900' },
    },
  });
  const options: Options = {
    levels: values.levels.split(',').map((level) => bounded(Number(level), 1, 100_000)),
    holds: bounded(Number(values.holds), 1, 500),
    users: bounded(Number(values.users), 1, 50),
    intervalMs: bounded(Number(values.interval), 0, 10_000),
    clientProcesses: bounded(Number(values['client-processes']), 1, 16),
    connectConcurrency: bounded(Number(values['connect-concurrency']), 1, 5000),
    deliverTimeoutMs: bounded(Number(values['deliver-timeout']), 1, 600) * 1000,
  };
  // Each user may hold at most 100 holds of a show at once (MAX_HOLDS_PER_USER_PER_SHOW's ceiling).
  options.users = Math.max(options.users, Math.ceil(options.holds / 100));
  return { options, timeoutMs: bounded(Number(values.timeout), 10, 7200) * 1000 };
}

/** Kills every child, removes the folder and exits (timeouts, interrupts, errors). */
function abandon(code: number): void {
  for (const child of children) child.kill();
  if (cleanupFolder) fs.rmSync(cleanupFolder, { recursive: true, force: true });
  process.exit(code);
}

/** Loads the demo data, registers the users and picks the show, on a platform stopped afterwards. */
async function prepare(dataDir: string, options: Options): Promise<Setup> {
  const admin = { email: 'bench@seats.local', password: randomBytes(12).toString('base64url') };
  const setup: Setup = { dataDir, admin, users: [], showId: '' };
  const platform = await startPlatform(setup, 1);
  try {
    const { loadDemoData } = await import('./support/demo.js');
    await loadDemoData(platform.url, admin);
    for (let i = 0; i < options.users; i++) {
      const user = { email: `bench-live-${i}@seats.local`, password: randomBytes(12).toString('base64url') };
      await graphqlRequest(platform.url, registerMutation, { input: { ...user, name: `Bench ${i}` } });
      setup.users.push(user);
    }
    setup.showId = await screeningWithSeats(platform.url, 2 * Math.max(options.holds, warmUp.holds));
  } finally {
    await platform.child.stop();
  }
  return setup;
}

/** Starts the platform in a child process (free ports, the data in `setup.dataDir`). */
async function startPlatform(setup: Setup, subscribers: number): Promise<{ child: Target['platform']; url: string }> {
  const child: Target['platform'] = new Child('platform', 'bench-live-platform.ts', ['--expose-gc']);
  const connections = String(subscribers + 1000);
  const env: Record<string, string> = {
    DATA_DIR: setup.dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ADMIN_EMAIL: setup.admin.email,
    ADMIN_PASSWORD: setup.admin.password,
    SEED: 'never',
    WS_MAX_CONNECTIONS: connections,
    WS_MAX_CONNECTIONS_PER_IP: connections,
    MAX_HOLDS_PER_USER_PER_SHOW: '100',
    // No hold may expire during a level: its release would be a change nobody sent.
    HOLD_TTL_SECONDS: '3600',
    [rateLimitVariable('lockSeats')]: 'off',
    [rateLimitVariable('register')]: 'off',
    [rateLimitVariable('login')]: 'off',
  };
  const ready = await child.request({ type: 'start', env }, 'ready', phaseTimeoutMs);
  return { child, url: `${ready.gatewayUrl}/graphql` };
}

/** The first upcoming screening with `seats` free seats, smaller screens first. */
async function screeningWithSeats(url: string, seats: number): Promise<string> {
  const data = await graphqlRequest<{
    movies: { edges: Array<{ node: { shows: Array<{ id: string; screen: { name: string } | null }> } }> };
  }>(url, '{ movies(first: 100) { edges { node { shows { id screen { name } } } } } }');
  const shows = data.movies.edges.flatMap((e) => e.node.shows).filter((s) => s.screen);
  shows.sort((a, b) => Number(a.screen?.name === 'Grand Hall') - Number(b.screen?.name === 'Grand Hall'));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const show of shows.slice(0, 10)) {
      const found = await graphqlRequest<{ show: { seatsFree: number } }>(
        url,
        'query($id: ID!) { show(id: $id) { seatsFree } }',
        { id: show.id },
      );
      if (found.show.seatsFree >= seats) return show.id;
    }
    await sleep(200);
  }
  throw new Error(`no screening with ${seats} free seats reached bookings in 30 s`);
}

/** One level on a fresh platform: a warm-up round, the idle memory, N subscribers, their memory, the burst. */
async function level(setup: Setup, options: Options, subscribers: number): Promise<LevelResult> {
  const { child, url } = await startPlatform(setup, subscribers);
  try {
    const tokens = await Promise.all(
      setup.users.map(async (user) => {
        const data = await graphqlRequest<{ login: { accessToken: string } }>(url, loginMutation, { input: user });
        return data.login.accessToken;
      }),
    );
    const target: Target = { platform: child, url, showId: setup.showId, tokens };
    await warm(target, options);
    const burst = await planBurst(target, options.holds);
    const before = await settledMemory(target);
    const processes = Math.max(options.clientProcesses, Math.ceil(subscribers / subscribersPerProcess));
    const watchers = await connect(target, burst, subscribers, processes, options.connectConcurrency);
    const after = await settledMemory(target);
    const outcome = await sendAndCollect(target, burst, watchers, options);
    await finish(target, burst, watchers, outcome.sent);
    const { reports: connected, ms: connectMs } = watchers;
    return {
      subscribers,
      connectMs,
      connectFailures: connected.reduce((sum, report) => sum + report.failed, 0),
      firstConnectFailure: connected.find((report) => report.firstFailure)?.firstFailure ?? null,
      before,
      after,
      ...outcome,
    };
  } finally {
    await child.stop();
  }
}

/** Runs a small round through every path the measured one takes; every change must reach every subscriber. */
async function warm(target: Target, options: Options): Promise<void> {
  const burst = await planBurst(target, warmUp.holds);
  const watchers = await connect(target, burst, warmUp.subscribers, 1, options.connectConcurrency);
  const { sent, reports } = await sendAndCollect(target, burst, watchers, options);
  await finish(target, burst, watchers, sent);
  const d = deliveries(reports, sent);
  if (d.latencies.length !== d.expected || d.expected === 0) {
    throw new Error(`the warm-up round delivered ${d.latencies.length} of ${d.expected} changes`);
  }
}

/** Picks free seats for the holds (1 or 2 each) and reads the show's version before them. */
async function planBurst(target: Target, count: number): Promise<Burst> {
  const data = await graphqlRequest<{
    show: { seatMap: { version: number; seats: Array<{ id: string; status: string }> } };
  }>(target.url, 'query($id: ID!) { show(id: $id) { seatMap { version seats { id status } } } }', {
    id: target.showId,
  });
  const free = data.show.seatMap.seats.filter((seat) => seat.status === 'AVAILABLE').map((seat) => seat.id);
  const burst: Burst = { baseVersion: data.show.seatMap.version, holds: [], seatHolds: {} };
  for (let h = 0; h < count; h++) {
    const seatIds = free.splice(0, 1 + (h % 2));
    if (seatIds.length === 0) throw new Error(`the show has too few free seats for ${count} holds`);
    for (const id of seatIds) burst.seatHolds[id] = h;
    burst.holds.push({ seatIds, token: target.tokens[h % target.tokens.length] ?? '' });
  }
  return burst;
}

/** Opens `subscribers` subscriptions from `processes` processes; resolves once the gateway counts them all. */
async function connect(
  target: Target,
  burst: Burst,
  subscribers: number,
  processes: number,
  concurrency: number,
): Promise<Watchers> {
  const shares = split(subscribers, processes);
  const helpers = shares.map((_, i) => new Child<WatcherJob, WatcherReport>(`watchers ${i}`, 'bench-live-watchers.ts'));
  let started: number;
  const job = (count: number, i: number): WatcherJob => ({
    type: 'connect',
    url: target.url.replace(/^http/, 'ws'),
    // One loopback source address per process, so that no process runs out of ephemeral ports.
    localAddress: `127.0.0.${i + 1}`,
    query: watchQuery,
    variables: { showId: target.showId },
    count,
    concurrency: Math.ceil(concurrency / processes),
    baseVersion: burst.baseVersion,
    seatHolds: burst.seatHolds,
    holds: burst.holds.length,
    timeoutMs: phaseTimeoutMs,
  });
  const watchers: Watchers = { processes: helpers, reports: [], ms: 0 };
  try {
    await Promise.all(helpers.map((child) => child.loaded));
    started = performance.now();
    watchers.reports = await Promise.all(
      helpers.map((child, i) => child.request(job(shares[i] ?? 0, i), 'connected', phaseTimeoutMs)),
    );
    const opened = watchers.reports.reduce((sum, report) => sum + report.opened, 0);
    await waitForMetric(target.url, 'seats_live_watchers', (value) => value >= opened, phaseTimeoutMs);
  } catch (err) {
    await Promise.all(helpers.map((child) => child.stop()));
    throw err;
  }
  watchers.ms = performance.now() - started;
  return watchers;
}

/** Sends the burst, waits for the subscribers to have it and reads what the gateway did meanwhile. */
async function sendAndCollect(
  target: Target,
  burst: Burst,
  watchers: Watchers,
  options: Options,
): Promise<Pick<LevelResult, 'sent' | 'executions' | 'load' | 'reports'>> {
  // Reading /metrics restarts its event-loop delay histogram: the next read covers the burst alone.
  const mark = await metrics(target.url);
  const started = performance.now();
  const sent = await sendBurst(target, burst, options.intervalMs);
  const collect = { type: 'collect', timeoutMs: options.deliverTimeoutMs } as const;
  const reports: CollectReport[] = await Promise.all(
    watchers.processes.map((child) => child.request(collect, 'collected', options.deliverTimeoutMs + 30_000)),
  );
  const end = await metrics(target.url);
  const change = (name: string) => (end.get(name) ?? NaN) - (mark.get(name) ?? NaN);
  const load = {
    cpu: change('process_cpu_seconds_total'),
    wall: (performance.now() - started) / 1000,
    maxDelay: end.get('nodejs_eventloop_lag_max_seconds') ?? NaN,
  };
  return { sent, executions: change('seats_live_executions'), load, reports };
}

/** Sends every hold (at once, or `intervalMs` apart) and notes when each left and was answered. */
async function sendBurst(target: Target, burst: Burst, intervalMs: number): Promise<Sent> {
  const sent: Sent = { sendTimes: [], replyTimes: [], replyMs: [], holdIds: [], failures: 0, firstFailure: null };
  const one = async ({ seatIds, token }: Burst['holds'][number], h: number) => {
    if (intervalMs > 0) await sleep(h * intervalMs);
    sent.sendTimes[h] = clock();
    try {
      const input = { showId: target.showId, seatIds };
      const data = await graphqlRequest<{ lockSeats: { id: string } }>(target.url, lockMutation, { input }, token);
      sent.holdIds[h] = data.lockSeats.id;
      sent.replyTimes[h] = clock();
      sent.replyMs.push(clock() - (sent.sendTimes[h] ?? 0));
    } catch (err) {
      sent.holdIds[h] = null;
      sent.failures++;
      sent.firstFailure ??= String(err);
    }
  };
  await Promise.all(burst.holds.map(one));
  return sent;
}

/** Closes the subscribers, then releases the holds (the seats are free and the users under their cap again). */
async function finish(target: Target, burst: Burst, watchers: Watchers, sent: Sent): Promise<void> {
  await Promise.all(watchers.processes.map((child) => child.stop()));
  await Promise.all(
    sent.holdIds.map(async (holdId, h) => {
      if (holdId) await graphqlRequest(target.url, releaseMutation, { holdId }, burst.holds[h]?.token);
    }),
  );
  await waitForMetric(target.url, 'seats_live_connections', (value) => value === 0, phaseTimeoutMs);
}

/** The gateway process's memory after a pause and a forced garbage collection. */
async function settledMemory(target: Target): Promise<Memory> {
  await sleep(1000);
  await target.platform.request({ type: 'gc' }, 'collected', 30_000);
  await sleep(500);
  const values = await metrics(target.url);
  return {
    rss: values.get('process_resident_memory_bytes') ?? NaN,
    heap: values.get('nodejs_heap_size_used_bytes') ?? NaN,
  };
}

/** The gateway's unlabelled Prometheus samples, by name. */
async function metrics(graphqlUrl: string): Promise<Map<string, number>> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), { signal: AbortSignal.timeout(30_000) });
  const values = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const sample = /^([A-Za-z_:][\w:]*) (\S+)$/.exec(line);
    if (sample?.[1] && sample[2]) values.set(sample[1], Number(sample[2]));
  }
  return values;
}

async function waitForMetric(
  url: string,
  name: string,
  done: (value: number) => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = NaN;
  while (Date.now() < deadline) {
    value = (await metrics(url)).get(name) ?? NaN;
    if (done(value)) return;
    await sleep(100);
  }
  throw new Error(`${name} stayed at ${value} for ${timeoutMs / 1000} s`);
}

/** `total` as evenly as possible over `parts`. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Last, so that every constant above is initialised when it runs.
main().catch((err: unknown) => {
  console.error(err);
  abandon(1);
});
