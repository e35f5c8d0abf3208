/**
 * `pnpm bench:holds`: how fast the platform holds seats, against what the
 * database itself does with the same statements, in one run on one
 * database. Many users each hold one seat (distinct seats: no contention):
 *
 *   - through this platform's gateway, all on one 10,000-seat show, then
 *     spread over six such shows;
 *   - pgbench on the same database sending the hold's one statement
 *     (`bookings.place_hold`: the locks, the checks inside them, and the
 *     hold, its seats, the show's version and SeatsHeld, committed), same
 *     client count, same shows, seats the platform did not take;
 *
 * and prints each rate with the platform's share of pgbench's. Services
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
import { bounded, row, runLoad, stats } from './support/load.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      holds: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '50' },
      users: { type: 'string', default: '200' },
      pool: { type: 'string', default: '10' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      nats: { type: 'string', default: 'nats://127.0.0.1:4222' },
    },
  });
  process.env.NODE_ENV = 'production';
  const holds = bounded(Number(values.holds), 100, 5_000);
  const concurrency = bounded(Number(values.concurrency), 1, 200);
  const userCount = bounded(Number(values.users), 1, 1000);
  const pool = bounded(Number(values.pool), 1, 40);
  const { createLogger, loadConfig } = await import('../platform/src/index.js');
  const { startStack } = await import('../stack/src/stack.js');
  const { createServices } = await import('../stack/test/support/services.js');
  const { graphqlRequest } = await import('../stack/src/client.js');
  const { loadDemoData } = await import('./support/demo.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-bench-'));
  const tag = randomBytes(4).toString('hex');
  const services = await createServices(tag, values.postgres, values.nats);
  const admin = { email: 'bench@seats.local', password: randomBytes(12).toString('base64url') };
  const config = loadConfig({
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
  });
  const stack = await startStack({ config, log: createLogger('bench', config.logLevel), randomPorts: true });
  // The bench's own reads and writes of the database (seat codes, counts), on one connection.
  const sql = postgres(services.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const url = `${stack.gatewayUrl}/graphql`;
    await loadDemoData(url, admin);
    const halls = await grandHallScreenings(url, graphqlRequest);
    if (halls.length < 7) throw new Error(`the demo data has ${halls.length} Grand Hall screenings, not 7`);
    const [single, ...spread] = halls;
    const codes = await seatCodes(url, single!, graphqlRequest);
    await storeSeatCodes(sql, codes);
    console.log(`Registering ${userCount} users ...`);
    const tokens = await registerUsers(url, userCount, graphqlRequest);

    const lock = (showId: string, seat: string) =>
      JSON.stringify({
        query: 'mutation Hold($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
        variables: { input: { showId, seatIds: [seat] } },
      });
    const requests = (pick: (i: number) => [showId: string, seat: string], offset: number) =>
      Array.from({ length: holds }, (_, i) => {
        const [showId, seat] = pick(i);
        return {
          body: lock(showId, seat),
          headers: { authorization: `Bearer ${tokens[(i + offset) % tokens.length]}` },
        };
      });
    const sixShows = spread.slice(0, 6);
    const cases: Array<{ name: string; requests: ReturnType<typeof requests>; shows: string[] }> = [
      { name: 'one show', requests: requests((i) => [single!, codes[i]!], 0), shows: [single!] },
      {
        name: 'six shows',
        requests: requests((i) => [sixShows[i % 6]!, codes[Math.floor(i / 6)]!], 1),
        shows: sixShows,
      },
    ];

    const load = loadAverage();
    console.log(
      `\n${holds} holds of one seat each per run by ${userCount} users, ${concurrency} concurrent clients; ` +
        `Postgres and NATS, NODE_ENV=production, one platform process, DATABASE_POOL_SIZE=${pool}; load average before: ${load}\n`,
    );
    console.log(row('case', 'target', 'holds', 'errors', 'p50 ms', 'p99 ms', 'holds/s', 'share'));
    for (const c of cases) {
      // pgbench's holds of the case before wrote SeatsHeld rows that this platform's relay publishes:
      // the platform is measured once they are out.
      await outboxDrained(sql);
      const result = await runLoad({
        url,
        body: '',
        requests: c.requests,
        concurrency,
        durationMs: 120_000,
        maxRequests: holds,
        timeoutMs: 60_000,
        expect: '"lockSeats"',
      });
      const s = stats(result);
      const raw = await pgbench(services.databaseUrl, sql, c.shows, holds, concurrency, 5_000);
      console.log(
        row(c.name, 'pgbench', String(raw.transactions), String(raw.failed), '', '', raw.tps.toFixed(1), '1'),
      );
      console.log(
        row(
          c.name,
          'seats',
          String(s.requests),
          String(result.errors),
          s.p50.toFixed(1),
          s.p99.toFixed(1),
          s.perSecond.toFixed(1),
          (s.perSecond / raw.tps).toFixed(2),
        ),
      );
      if (result.firstError) console.log(`           first error: ${result.firstError}`);
    }
    console.log(`\nload average after: ${loadAverage()}`);
  } finally {
    await sql.end();
    await stack.dispose();
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
 * script per show, picked at random, users among 200 ids. Each client takes
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
  const args = ['-n', '-c', String(concurrency), '-j', '2', '-t', String(perClient), '-D', 'n=0'];
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

/** Waits until bookings' outbox has nothing left to publish, then a little for the consumers that skip those events. */
async function outboxDrained(sql: Sql): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = await sql<Array<{ n: number }>>`select count(*)::int as n from bookings.outbox
      where published_at is null`;
    if (row?.n === 0) break;
    if (Date.now() > deadline) throw new Error(`${row?.n} events still unpublished after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
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
