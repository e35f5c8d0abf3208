/**
 * A bounded HTTP load generator for the benchmarks: `concurrency` clients
 * POST the same body in a loop, in a child process (so they do not share
 * the measured server's event loop), until the time or the request budget
 * is used up. Loopback only; every request has a timeout.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadJob {
  url: string;
  /** POST (the default) sends `body`; GET sends none. */
  method?: 'GET' | 'POST';
  body: string;
  headers?: Record<string, string>;
  /** Headers of each client: client i sends `clientHeaders[i % length]` on every request (its own account, say). */
  clientHeaders?: Array<Record<string, string>>;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  timeoutMs: number;
  /** A byte string every good response contains (checked without parsing). */
  expect: string;
  /**
   * Requests to send once each, in order, instead of `body` over and over
   * (holds of distinct seats by many users, say): the run ends when they
   * are used up, whatever `maxRequests` says.
   */
  requests?: Array<{ body: string; headers: Record<string, string> }>;
}

export interface LoadResult {
  latencies: number[];
  errors: number;
  /** What the first failed request looked like. */
  firstError: string | null;
  elapsedMs: number;
  /** The load process's own CPU time over the run (user + system, all threads), without its start-up. */
  cpuMs: number;
}

/** Runs one job in a fresh child process. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
    const child = fork(worker, [], { execArgv: ['--import', 'tsx'] });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load process exited with ${code}`));
    });
    child.send(job);
  });
}

/** Latency percentiles and throughput of a result. */
export function stats(result: LoadResult): {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
} {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return {
    requests: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.at(-1) ?? NaN,
    perSecond: (sorted.length / result.elapsedMs) * 1000,
  };
}

/**
 * Prints a run's row (case, target, requests, errors, p50, p99, rate, and
 * the share `share` makes of the rate), and its first error if any.
 */
export function printResult(
  name: string,
  target: string,
  result: LoadResult,
  share: (perSecond: number) => string,
): void {
  const s = stats(result);
  console.log(
    row(
      name,
      target,
      String(s.requests),
      String(result.errors),
      s.p50.toFixed(1),
      s.p99.toFixed(1),
      s.perSecond.toFixed(1),
      share(s.perSecond),
    ),
  );
  if (result.firstError) console.log(`           first error: ${result.firstError}`);
}

/** A table row: the first cell left-aligned, the others right-aligned. */
export function row(...cells: string[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(10))).join(' ');
}

export function bounded(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
