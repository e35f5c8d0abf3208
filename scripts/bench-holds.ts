/**
 * `pnpm bench:holds`: how fast the platform holds seats, against what the
 * database itself does with the same statements, in one run on one
 * database. Many users each hold one seat (distinct seats: no contention):
 *
 *   - through this platform's gateway, all on one 10,000-seat show, then
 *     spread over six such shows;
 *   - pgbench on the same database sending the hold's one statement
 *     (`bookings.place_hold`: the locks, the checks inside them, and the
 *     hold, its seats, the show's version and SeatsHeld, committed) as a
 *     prepared statement, as the platform's pools send it; same shows,
 *     seats the platform did not take; once with the platform's client
 *     count and once with its pool's connection count (fewer backends
 *     contend less: the faster of the two is the database's rate);
 *
 * and prints each rate with the platform's share of pgbench's. One show
 * is also held straight at the bookings subgraph (with a gateway token):
 * the gap to the gateway row is what the gateway adds. A second table
 * gives the CPU time per hold of each process (from /proc): the platform,
 * the load client or pgbench, Postgres and NATS. On a machine of few cores
 * these all share the cores, so the CPU share (pgbench's total per hold
 * over the platform's) says how far the platform's own cost keeps it from
 * the database's rate whatever the scheduling did. Services
 * mode only (Postgres and NATS: the embedded PGlite has one connection).
 * The platform runs in this process (NODE_ENV=production); the load comes
 * from a child process, pgbench from its own. Loopback only, bounded.
 *
 *   pnpm bench:holds [--holds 2000] [--concurrency 50] [--users 200] [--pool 10]
 *                    [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--nats nats://127.0.0.1:4222]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres, { type Sql } from 'postgres';
import type { Logger, PlatformConfig } from '../platform/src/index.js';
import { childrenCpuMsOf, cpuMsOf, cpuMsOfProcess, cpuSnapshot, type CpuSnapshot } from './support/cpu.js';
import { bounded, printResult, row, runLoad, type LoadResult } from './support/load.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      holds: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '50' },
      users: { type: 'string', default: '200' },
      pool: { type: 'string', default: '10' },
      processes: { type: 'string', default: 'one' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      nats: { type: 'string', default: 'nats://127.0.0.1:4222' },
    },
  });
  process.env.NODE_ENV = 'production';
  const holds = bounded(Number(values.holds), 100, 5_000);
  const concurrency = bounded(Number(values.concurrency), 1, 200);
  const userCount = bounded(Number(values.users), 1, 1000);
  const pool = bounded(Number(values.pool), 1, 40);
  if (values.processes !== 'one' && values.processes !== 'split') throw new Error('--processes is one or split');
  const split = values.processes === 'split';
  const { createLogger, GatewayTokenSigner, gatewayTokenHeader, loadConfig, loadKeyRing } =
    await import('../platform/src/index.js');
  const { createServices } = await import('../stack/test/support/services.js');
  const { graphqlRequest } = await import('../stack/src/client.js');
  const { loadDemoData } = await import('./support/demo.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-bench-'));
  const tag = randomBytes(4).toString('hex');
  const services = await createServices(tag, values.postgres, values.nats);
  const admin = { email: 'bench@seats.local', password: randomBytes(12).toString('base64url') };
  const environment = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SEED: 'never',
    DATABASE_URL: services.databaseUrl,
    NATS_URL: services.natsUrl,
    BUS_PREFIX: `t${tag}`,
    // Each user holds several seats of a show here; the limit is not what is measured.
    MAX_HOLDS_PER_USER_PER_SHOW: '100',
    DATABASE_POOL_SIZE: String(pool),
    ...Object.fromEntries(['LOGIN', 'REGISTER', 'LOCK_SEATS'].map((op) => [`RATE_LIMIT_${op}`, 'off'])),
  };
  const config = loadConfig(environment);
  const platform = split
    ? await splitPlatform(environment, services, admin, dataDir, pool)
    : await onePlatform(config, createLogger('bench', config.logLevel));
  // The bench's own reads and writes of the database (seat codes, counts), on one connection.
  const sql = postgres(services.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const url = platform.url;
    await loadDemoData(url, admin);
    const halls = await grandHallScreenings(url, graphqlRequest);
    if (halls.length < 7) throw new Error(`the demo data has ${halls.length} Grand Hall screenings, not 7`);
    const [single, ...spread] = halls;
    const codes = await seatCodes(url, single!, graphqlRequest);
    await storeSeatCodes(sql, codes);
    console.log(`Registering ${userCount} users ...`);
    const tokens = await registerUsers(url, userCount, graphqlRequest);
    // What the gateway would send bookings for each user: the direct row's headers.
    const signer = new GatewayTokenSigner(await loadKeyRing('gateway', config.gatewayTokenKeys, platform.keysDir));
    const gatewayTokens = await Promise.all(
      tokens.map((token) => signer.sign({ userId: subjectOf(token), role: 'USER' }, 'bookings')),
    );

    const lock = (showId: string, seat: string) =>
      JSON.stringify({
        query: 'mutation Hold($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
        variables: { input: { showId, seatIds: [seat] } },
      });
    const requests = (pick: (i: number) => [showId: string, seat: string], offset: number, direct = false) =>
      Array.from({ length: holds }, (_, i) => {
        const [showId, seat] = pick(i);
        const user = (i + offset) % tokens.length;
        const headers: Record<string, string> = direct
          ? { [gatewayTokenHeader]: gatewayTokens[user]! }
          : { authorization: `Bearer ${tokens[user]}` };
        return {
          body: lock(showId, seat),
          headers,
        };
      });
    const sixShows = spread.slice(0, 6);
    // pgbench takes seats from pgbenchOffset on; the direct run takes those after the gateway run's while they fit.
    const direct = 2 * holds <= pgbenchOffset;
    const cases: Case[] = [
      {
        name: 'one show',
        rows: [
          { target: 'seats', url, requests: requests((i) => [single!, codes[i]!], 0) },
          ...(direct
            ? [
                {
                  target: 'bookings',
                  url: platform.bookingsUrl,
                  requests: requests((i) => [single!, codes[holds + i]!], 0, true),
                },
              ]
            : []),
        ],
        shows: [single!],
      },
      {
        name: 'six shows',
        rows: [{ target: 'seats', url, requests: requests((i) => [sixShows[i % 6]!, codes[Math.floor(i / 6)]!], 1) }],
        shows: sixShows,
      },
    ];

    const load = loadAverage();
    console.log(
      `\n${holds} holds of one seat each per run by ${userCount} users, ${concurrency} concurrent clients; ` +
        `Postgres and NATS, NODE_ENV=production, ${split ? 'the gateway, bookings and the other subgraphs in three processes' : 'one platform process'}, ` +
        `DATABASE_POOL_SIZE=${pool}; load average before: ${load}\n`,
    );
    // pgbench runs with as many clients as the platform's, and (while the seats last) with as many as
    // its pool has connections: the faster is the database's rate the platform is compared with.
    const pgbenchClients = [
      concurrency,
      ...(pool !== concurrency && pgbenchOffset + 2 * holds <= codes.length - 200 ? [pool] : []),
    ];
    // A warm-up through the gateway (up to 1,200 holds), so that no row pays for compiling the code paths:
    // seats of the six shows that neither the six-shows runs nor pgbench (from 5,000 on) take.
    const warmUp = codes.slice(Math.max(pgbenchOffset + pgbenchClients.length * holds, codes.length - 200));
    const warmUps = Math.min(holds, 6 * warmUp.length);
    await runLoad({
      url,
      body: '',
      requests: requests((i) => [sixShows[i % 6]!, warmUp[Math.floor(i / 6) % warmUp.length]!], 0).slice(0, warmUps),
      concurrency,
      durationMs: 60_000,
      maxRequests: warmUps,
      timeoutMs: 60_000,
      expect: '"lockSeats"',
    });
    console.log(row('case', 'target', 'holds', 'errors', 'p50 ms', 'p99 ms', 'holds/s', 'share'));
    const costs: string[] = [];
    for (const c of cases) {
      const measured: Measured[] = [];
      for (const r of c.rows) {
        // pgbench's holds of the case before wrote SeatsHeld rows that this platform's relay publishes:
        // the platform is measured once they are out.
        await outboxDrained(sql);
        const before = usage();
        const result = await runLoad({
          url: r.url,
          body: '',
          requests: r.requests,
          concurrency,
          durationMs: 120_000,
          maxRequests: holds,
          timeoutMs: 60_000,
          expect: '"lockSeats"',
        });
        // A hold's cost includes relaying its event: the window closes once the outbox is empty.
        await outboxDrained(sql, 0);
        measured.push({ target: r.target, result, cost: costOf(platform, before, usage(), result.cpuMs, holds) });
      }
      const raws: Array<{ target: string; raw: Awaited<ReturnType<typeof pgbench>>; cost: Cost }> = [];
      for (const [i, clients] of pgbenchClients.entries()) {
        await outboxDrained(sql);
        const before = usage();
        const raw = await pgbench(services.databaseUrl, sql, c.shows, holds, clients, pgbenchOffset + i * holds);
        const after = usage();
        const clientMs = childrenCpuMsOf(process.pid, before.processes, after.processes);
        raws.push({ target: `pgbench ${clients}`, raw, cost: costOf(platform, before, after, clientMs, holds) });
      }
      const best = raws.reduce((a, b) => (b.raw.tps > a.raw.tps ? b : a));
      const [raw, rawCost] = [best.raw, best.cost];
      for (const r of raws) {
        const share = r === best ? '1' : (r.raw.tps / raw.tps).toFixed(2);
        console.log(
          row(c.name, r.target, String(r.raw.transactions), String(r.raw.failed), '', '', r.raw.tps.toFixed(1), share),
        );
        costs.push(costRow(c.name, r.target, r.cost, rawCost));
      }
      for (const { target, result, cost } of measured) {
        printResult(c.name, target, result, (perSecond) => (perSecond / raw.tps).toFixed(2));
        costs.push(costRow(c.name, target, cost, rawCost));
      }
    }
    console.log(
      `\nCPU ms per hold by process (client: the load process, or pgbench; the platform during pgbench: its idle work)\n`,
    );
    const parts = platform.parts.length > 1 ? platform.parts : [];
    console.log(row('case', 'target', 'platform', ...parts, 'client', 'postgres', 'nats', 'total', 'cpu share'));
    for (const line of costs) console.log(line);
    console.log(`\nload average after: ${loadAverage()}`);
  } finally {
    await sql.end();
    await platform.dispose();
    await services.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type Request = <T>(url: string, query: string, variables?: Record<string, unknown>, token?: string) => Promise<T>;

async function grandHallScreenings(url: string, request: Request): Promise<string[]> {
  const data = await request<{
    movies: { edges: Array<{ node: { shows: Array<{ id: string; screen: { name: string } | null }> } }> };
  }>(url, '{ movies(first: 100) { edges { node { shows { id screen { name } } } } } }');
  const ids = data.movies.edges.flatMap((e) => e.node.shows).filter((s) => s.screen?.name === 'Grand Hall');
  const deadline = Date.now() + 60_000;
  for (const { id } of ids) {
    for (;;) {
      const free = await request<{ show: { seatsFree: number } }>(
        url,
        'query($id: ID!) { show(id: $id) { seatsFree } }',
        {
          id,
        },
      );
      if (free.show.seatsFree === 10_000) break;
      if (Date.now() > deadline) throw new Error('the Grand Hall inventory did not reach bookings in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return ids.map((s) => s.id);
}

async function seatCodes(url: string, showId: string, request: Request): Promise<string[]> {
  const data = await request<{ show: { seatMap: { seats: Array<{ code: string }> } } }>(
    url,
    'query($id: ID!) { show(id: $id) { seatMap { seats { code } } } }',
    { id: showId },
  );
  return data.show.seatMap.seats.map((s) => s.code);
}

async function registerUsers(url: string, count: number, request: Request): Promise<string[]> {
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) =>
      request<{ register: { accessToken: string } }>(
        url,
        'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
        {
          input: {
            email: `bench-${start + i}-${randomBytes(4).toString('hex')}@seats.local`,
            password: randomBytes(12).toString('base64url'),
            name: `Bench ${start + i}`,
          },
        },
      ),
    );
    for (const result of await Promise.all(batch)) tokens.push(result.register.accessToken);
  }
  return tokens;
}

/**
 * pgbench sending the statement bookings sends for a hold (`select * from
 * bookings.place_hold(...)`, see subgraphs/bookings/src/db/holds.ts), one
 * script per show, picked at random, users among 200 ids, prepared
 * (`-M prepared`: parsed once per connection). Each client takes
 * its own run of the seats in `bench_seats` from `offset` on (distinct from
 * the platform's, so every hold is written); the holds counted in the
 * database after the run are what it placed, and any other answer counts
 * as failed.
 */
async function pgbench(
  databaseUrl: string,
  sql: Sql,
  shows: string[],
  holds: number,
  concurrency: number,
  offset: number,
): Promise<{ transactions: number; failed: number; tps: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-pgbench-'));
  const perClient = Math.max(1, Math.floor(holds / concurrency));
  const scripts = shows.map((showId, i) => {
    const file = path.join(dir, `hold-${i}.sql`);
    fs.writeFileSync(file, holdScript(showId, perClient, offset));
    return file;
  });
  const before = await countHolds(sql, shows);
  const args = ['-n', '-M', 'prepared', '-c', String(concurrency), '-j', '2', '-t', String(perClient), '-D', 'n=0'];
  const run = spawnSync('pgbench', [...args, ...scripts.flatMap((f) => ['-f', f]), databaseUrl], {
    encoding: 'utf8',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr}`);
  const placed = (await countHolds(sql, shows)) - before;
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1] ?? NaN);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(run.stdout)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(run.stdout)?.[1] ?? 0);
  return { transactions, failed: failed + (transactions - placed), tps };
}

/** The seat codes of the Grand Hall, numbered from 0, for pgbench's scripts to pick by number. */
async function storeSeatCodes(sql: Sql, codes: readonly string[]): Promise<void> {
  await sql`create table public.bench_seats (i int primary key, code text not null)`;
  await sql`insert into public.bench_seats ${sql(codes.map((code, i) => ({ i, code })))}`;
}

interface Case {
  name: string;
  rows: Array<{ target: string; url: string; requests: Array<{ body: string; headers: Record<string, string> }> }>;
  shows: string[];
}

interface Measured {
  target: string;
  result: LoadResult;
  cost: Cost;
}

const pgbenchOffset = 5_000;

/** Waits until bookings' outbox has nothing left to publish, then `settleMs` for the consumers that skip those events. */
async function outboxDrained(sql: Sql, settleMs = 3000): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = await sql<Array<{ n: number }>>`select count(*)::int as n from bookings.outbox
      where published_at is null`;
    if (row?.n === 0) break;
    if (Date.now() > deadline) throw new Error(`${row?.n} events still unpublished after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, settleMs));
}

/** Where the platform runs: its gateway and bookings URLs, its keys and what CPU it used. */
interface BenchPlatform {
  /** The gateway's /graphql. */
  url: string;
  bookingsUrl: string;
  keysDir: string;
  /** Its processes' names (one: `platform`). */
  parts: string[];
  /** CPU milliseconds of each of its processes between the two. */
  cpuMs(before: Usage, after: Usage): number[];
  dispose(): Promise<void>;
}

/** Everything in this process, as `pnpm start` runs it. */
async function onePlatform(config: PlatformConfig, log: Logger): Promise<BenchPlatform> {
  const { startStack } = await import('../stack/src/stack.js');
  const stack = await startStack({ config, log, randomPorts: true });
  return {
    url: `${stack.gatewayUrl}/graphql`,
    bookingsUrl: stack.subgraphs.bookings!.url,
    keysDir: config.keysDir,
    parts: ['platform'],
    cpuMs: (before) => {
      const self = process.cpuUsage(before.self);
      return [(self.user + self.system) / 1000];
    },
    dispose: () => stack.dispose(),
  };
}

/** The gateway, bookings and the other subgraphs in three processes of their own (bench-rush-platform.ts). */
async function splitPlatform(
  environment: Record<string, string>,
  services: { databaseUrl: string; natsUrl: string },
  admin: { email: string; password: string },
  dataDir: string,
  poolSize: number,
): Promise<BenchPlatform> {
  const { Platform } = await import('./bench-rush-platform.js');
  const platform = await Platform.start({
    basePort: 14_300,
    databaseUrl: services.databaseUrl,
    natsUrl: services.natsUrl,
    busPrefix: environment.BUS_PREFIX!,
    dataDir,
    admin,
    connections: 100,
    poolSize,
    startTimeoutMs: 120_000,
    environment: { MAX_HOLDS_PER_USER_PER_SHOW: environment.MAX_HOLDS_PER_USER_PER_SHOW },
  });
  const pids = platform.pids();
  return {
    url: `${platform.url}/graphql`,
    bookingsUrl: platform.subgraphUrl('bookings'),
    keysDir: path.join(dataDir, 'keys'),
    parts: platform.parts(),
    cpuMs: (before, after) => pids.map((pid) => cpuMsOfProcess(pid, before.processes, after.processes)),
    dispose: () => platform.stop(),
  };
}

interface Usage {
  processes: CpuSnapshot;
  /** This process (the platform), all its threads. */
  self: NodeJS.CpuUsage;
}

/** CPU milliseconds per hold. */
interface Cost {
  /** Each platform process's. */
  parts: number[];
  platform: number;
  client: number;
  postgres: number;
  nats: number;
}

function usage(): Usage {
  return { processes: cpuSnapshot(), self: process.cpuUsage() };
}

function costOf(platform: BenchPlatform, before: Usage, after: Usage, clientMs: number, holds: number): Cost {
  const per = (ms: number) => ms / Math.max(1, holds);
  const parts = platform.cpuMs(before, after);
  return {
    parts: parts.map(per),
    platform: per(parts.reduce((a, b) => a + b, 0)),
    client: per(clientMs),
    postgres: per(cpuMsOf('postgres', before.processes, after.processes)),
    nats: per(cpuMsOf('nats-server', before.processes, after.processes)),
  };
}

function costRow(name: string, target: string, cost: Cost, pgbench: Cost): string {
  const total = (c: Cost) => c.platform + c.client + c.postgres + c.nats;
  return row(
    name,
    target,
    cost.platform.toFixed(2),
    ...(cost.parts.length > 1 ? cost.parts.map((ms) => ms.toFixed(2)) : []),
    cost.client.toFixed(2),
    cost.postgres.toFixed(2),
    cost.nats.toFixed(2),
    total(cost).toFixed(2),
    (total(pgbench) / total(cost)).toFixed(2),
  );
}

/** The user an access token was issued to (its `sub`; the token is one this run was just given). */
function subjectOf(accessToken: string): string {
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub?: unknown;
  };
  if (typeof payload.sub !== 'string') throw new Error('an access token without a subject');
  return payload.sub;
}

async function countHolds(sql: Sql, shows: readonly string[]): Promise<number> {
  const [row] = await sql<Array<{ n: number }>>`select count(*)::int as n from bookings.holds
    where show_id = any(${shows}::uuid[])`;
  return row?.n ?? 0;
}

function holdScript(showId: string, perClient: number, offset: number): string {
  return `\\set u random(1, 200)
\\set n :n + 1
\\set i ${offset} + :client_id * ${perClient} + :n - 1
with h as (select gen_random_uuid() as id, md5(:u::text)::uuid as user_id, now() + interval '10 minutes' as expires_at,
                  array[(select code from public.bench_seats where i = :i)] as seats)
select p.outcome from h, bookings.place_hold(h.id, '${showId}', h.user_id, h.seats, null, null, h.expires_at, 100,
  jsonb_build_object('holdId', h.id, 'showId', '${showId}', 'userId', h.user_id, 'seatIds', to_jsonb(h.seats),
                     'fromStop', null, 'toStop', null, 'expiresAt', to_jsonb(h.expires_at))) as p;
`;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
