/**
 * `pnpm bench:seatmap`: how long the full seat map of the 10,000-seat Grand
 * Hall takes through the gateway, for 1, 10 and 100 concurrent readers.
 *
 * Starts the embedded platform (PGlite in a temporary folder, in-process bus)
 * on free loopback ports, loads the demo data, and reads the map for a
 * bounded time per level from a child process (so the readers do not share
 * the platform's event loop). Prints latency percentiles and throughput,
 * then disposes of everything.
 *
 * It measures the production configuration (NODE_ENV=production, as the
 * Dockerfile and docker-compose run it: graphql-js then skips its
 * development-only checks); `--development` measures `pnpm start`'s default.
 * Each request gives up after `--timeout` seconds and counts as an error.
 *
 *   pnpm bench:seatmap [--seconds 5] [--max-requests 5000] [--timeout 60] [--development]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bounded, row, runLoad, stats, type LoadJob } from './support/load.js';

const levels = [1, 10, 100];

const seatMapQuery = `query BenchSeatMap($id: ID!) {
  show(id: $id) {
    seatMap { version seats { id label row number category status price { amount currency } x y accessible } }
  }
}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      'max-requests': { type: 'string', default: '5000' },
      timeout: { type: 'string', default: '60' },
      development: { type: 'boolean', default: false },
    },
  });
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
  const admin = { email: 'bench@seats.local', password: randomBytes(12).toString('base64url') };
  const config = loadConfig({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: nodeEnv,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SEED: 'never',
  });
  const stack = await startStack({ config, log: createLogger('bench', config.logLevel), randomPorts: true });
  try {
    await measure(`${stack.gatewayUrl}/graphql`, admin, limits, nodeEnv);
  } finally {
    await stack.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(
  url: string,
  admin: { email: string; password: string },
  limits: Pick<LoadJob, 'durationMs' | 'maxRequests' | 'timeoutMs'>,
  nodeEnv: string,
): Promise<void> {
  const { loadDemoData, demoScreenings } = await import('./support/demo.js');
  await loadDemoData(url, admin);
  const body = JSON.stringify({ query: seatMapQuery, variables: { id: (await demoScreenings(url)).grandHall } });
  const bytes = await checkSeatMap(url, body);
  console.log(
    `\nGrand Hall seat map: 10,000 seats, ${(bytes / 1e6).toFixed(2)} MB per response, through ${url} (NODE_ENV=${nodeEnv})` +
      `\n${limits.durationMs / 1000} s or ${limits.maxRequests} requests per level (first reached), after a warm-up\n`,
  );
  console.log(row('readers', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'req/s'));
  const expect = '"seatMap"';
  await runLoad({ url, body, expect, concurrency: 2, durationMs: 1000, maxRequests: 10, timeoutMs: limits.timeoutMs });
  for (const concurrency of levels) {
    const result = await runLoad({ url, body, expect, concurrency, ...limits });
    const s = stats(result);
    console.log(
      row(
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

/** One full read, parsed and checked; returns the response size. */
async function checkSeatMap(url: string, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: { show?: { seatMap?: { seats: unknown[] } } } };
  const seats = parsed.data?.show?.seatMap?.seats.length;
  if (seats !== 10_000) throw new Error(`expected 10,000 seats, got ${seats}: ${text.slice(0, 300)}`);
  return Buffer.byteLength(text);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
