/**
 * What `pnpm bench:rush` measured, and how it prints: the table of figures
 * beside their targets, then the counts behind them.
 */
import { expectedError, type RunReport } from './bench-rush-buyers.js';
import type { CollectReport } from './bench-rush-watchers.js';

export interface RushResult {
  seatCount: number;
  /** The sell window the buyers had (ms). */
  windowMs: number;
  buyers: RunReport[];
  watchers: CollectReport[];
  /** The final seat map's statuses, and what Postgres holds. */
  final: { version: number; statuses: string };
  database: { soldSeats: number; doubleBooked: number };
  /** CPU seconds of each platform process during the sale, and how long the sale ran (s). */
  cpu: { platform: Record<string, number>; saleSeconds: number };
}

/** The figures the table prints, from the buyers' and watchers' reports. */
interface Figures {
  soldOut: boolean;
  sellMs: number;
  seatsSold: number;
  purchases: number;
  map: Percentiles;
  hold: Percentiles;
  checkout: Percentiles;
  live: Percentiles & { count: number; missing: number; sampled: number };
  errors: Record<string, number>;
  firstErrors: Record<string, string>;
  expected: number;
  unexpected: number;
  mismatched: number;
  /** Of those, watchers that had not reached the final version when the wait ended. */
  behind: number;
  watchers: number;
}

interface Percentiles {
  p50: number;
  p99: number;
}

const targets = {
  sellOutMs: 60_000,
  holdP99Ms: 500,
  liveP99Ms: 1000,
};

export function figures(result: RushResult): Figures {
  const { buyers, watchers } = result;
  const firstHold = Math.min(...buyers.map((b) => b.firstHoldAt).filter(Number.isFinite));
  const lastSale = Math.max(...buyers.map((b) => b.lastSaleAt).filter(Number.isFinite));
  const errors: Record<string, number> = {};
  const firstErrors: Record<string, string> = {};
  for (const report of buyers) {
    for (const [key, n] of Object.entries(report.errors)) {
      errors[key] = (errors[key] ?? 0) + n;
      firstErrors[key] ??= report.firstErrors[key] ?? '';
    }
  }
  const expected = errors[expectedError] ?? 0;
  const total = Object.values(errors).reduce((sum, n) => sum + n, 0);
  return {
    soldOut: !/[AH]/.test(result.final.statuses),
    sellMs: lastSale - firstHold,
    seatsSold: sum(buyers, (b) => b.seats),
    purchases: sum(buyers, (b) => b.purchases),
    map: percentiles(buyers.flatMap((b) => b.mapMs)),
    hold: percentiles(buyers.flatMap((b) => b.holdMs)),
    checkout: percentiles(buyers.flatMap((b) => b.checkoutMs)),
    live: liveDelivery(result),
    errors,
    firstErrors,
    expected,
    unexpected: total - expected,
    mismatched: sum(watchers, (w) => w.mismatched),
    behind: sum(watchers, (w) => w.behind),
    watchers: sum(watchers, (w) => w.watchers),
  };
}

/**
 * Receive time at each sampled watcher minus the time the buyer got the
 * reply that made the change (lockSeats for HELD, checkout for BOOKED),
 * matched by seat; a seat's first HELD and first BOOKED count.
 */
function liveDelivery(result: RushResult): Figures['live'] {
  const seats = result.seatCount;
  const heldReply = earliest(
    result.buyers.map((b) => b.heldAt),
    seats,
  );
  const bookedReply = earliest(
    result.buyers.map((b) => b.bookedAt),
    seats,
  );
  const sampled = sum(result.watchers, (w) => w.sampled);
  const latencies = new Float64Array(sampled * seats * 2);
  let count = 0;
  let missing = 0;
  for (const report of result.watchers) {
    for (let i = 0; i < report.heldAt.length; i++) {
      const s = i % seats;
      const held = (report.heldAt[i] ?? NaN) - (heldReply[s] ?? NaN);
      const bought = (report.bookedAt[i] ?? NaN) - (bookedReply[s] ?? NaN);
      if (Number.isFinite(held)) latencies[count++] = held;
      if (Number.isFinite(bought)) latencies[count++] = bought;
      else if (Number.isFinite(bookedReply[s])) missing++;
    }
  }
  const sorted = latencies.subarray(0, count).sort();
  return { ...percentilesOfSorted(sorted), count, missing, sampled };
}

/** Per seat, the earliest of the processes' times. */
function earliest(perProcess: Float64Array[], seats: number): Float64Array {
  const times = new Float64Array(seats).fill(NaN);
  for (const process of perProcess) {
    for (let s = 0; s < seats; s++) {
      const at = process[s] ?? NaN;
      const current = times[s] ?? NaN;
      if (Number.isFinite(at) && (Number.isNaN(current) || at < current)) times[s] = at;
    }
  }
  return times;
}

/** The table: each figure, its target and whether it was met. */
export function table(result: RushResult, f: Figures): string {
  const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 100 ? 1 : 0)}` : '-');
  const pair = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p99)} ms`;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const sellSeconds = f.sellMs / 1000;
  const rows: Array<[string, string, string, string]> = [
    [
      'time to sell out',
      f.soldOut
        ? `${sellSeconds.toFixed(1)} s`
        : `> ${result.windowMs / 1000} s: the window ended with ${count(result.final.statuses, 'A')} seats free, ` +
          `${count(result.final.statuses, 'H')} held`,
      '≤ 60 s',
      met(f.soldOut && f.sellMs <= targets.sellOutMs),
    ],
    [
      'sales',
      `${(f.seatsSold / sellSeconds).toFixed(1)} seats/s (${(f.purchases / sellSeconds).toFixed(1)} checkouts/s)`,
      '',
      '',
    ],
    ['seat map load p50 / p99', pair(f.map), '', ''],
    ['hold p50 / p99', pair(f.hold), 'p99 ≤ 500 ms', met(f.hold.p99 <= targets.holdP99Ms)],
    ['checkout p50 / p99', pair(f.checkout), '', ''],
    ['live delivery p50 / p99', pair(f.live), 'p99 ≤ 1 s', met(f.live.p99 <= targets.liveP99Ms)],
    [
      'mismatched watchers',
      `${f.mismatched} of ${f.watchers}${f.behind ? ` (${f.behind} short of the final version)` : ''}`,
      '0',
      met(f.mismatched === 0),
    ],
    ['double bookings', String(result.database.doubleBooked), '0', met(result.database.doubleBooked === 0)],
    ['unexpected errors', String(f.unexpected), '0', met(f.unexpected === 0)],
    ['expected SEATS_UNAVAILABLE', String(f.expected), '', ''],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), headers[c]!.length));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

const headers = ['figure', 'value', 'target', ''];

/** The counts behind the table: purchases, errors by code, reloads, frames, the database. */
export function details(result: RushResult, f: Figures): string {
  const { buyers, watchers, database, final } = result;
  const reloads: number[] = [];
  for (const report of watchers) report.reloads.forEach((n, times) => (reloads[times] = (reloads[times] ?? 0) + n));
  const reloaded = reloads.reduce((total, n, times) => total + n * times, 0);
  const errorLines = Object.entries(f.errors)
    .sort(([, a], [, b]) => b - a)
    .map(
      ([key, n]) => `  ${key}: ${n}${key === expectedError ? ' (expected)' : ''} — first: ${f.firstErrors[key] ?? ''}`,
    );
  const lines = [
    `purchases: ${f.purchases} confirmed for ${f.seatsSold} seats; ${sum(buyers, (b) => b.gaveUp)} gave up after ` +
      `every attempt was refused; final map (version ${final.version}): ${count(final.statuses, 'B')} booked, ` +
      `${count(final.statuses, 'H')} held, ${count(final.statuses, 'A')} free; Postgres: ${database.soldSeats} seats in ` +
      `confirmed bookings, ${database.doubleBooked} claimed twice`,
    `requests: ${sum(buyers, (b) => b.mapMs.length)} map loads, ${sum(buyers, (b) => b.holdMs.length)} lockSeats, ` +
      `${sum(buyers, (b) => b.checkoutMs.length)} checkouts`,
    `live: ${f.live.count} deliveries stamped by ${f.live.sampled} sampled watchers; ${f.live.missing} BOOKED ` +
      `changes never reached a sampled watcher as a frame (a reload brought them instead, or nothing did)`,
    `watchers: ${sum(watchers, (w) => w.frames)} frames received, ${sum(watchers, (w) => w.stale)} stale, ` +
      `${reloaded} reloads (per watcher: ${reloads.map((n, times) => `${times} for ${n}`).join(', ')}), ` +
      `${sum(watchers, (w) => w.behind)} behind the final version, ${sum(watchers, (w) => w.dropped)} sockets dropped, ` +
      `${sum(watchers, (w) => w.errors)} errors; watcher processes ${watcherCpu(watchers)}`,
    `CPU during the sale (${result.cpu.saleSeconds.toFixed(1)} s): ` +
      Object.entries(result.cpu.platform)
        .map(([part, seconds]) => `${part} ${seconds.toFixed(1)} s`)
        .join(', ') +
      `, buyer processes ${(sum(buyers, (b) => b.cpuMs) / 1000).toFixed(1)} s`,
    ...watchers.flatMap((w) => [w.firstMismatch, w.firstProblem].filter((line) => line !== null)),
    errorLines.length > 0 ? `errors by operation and code:\n${errorLines.join('\n')}` : 'errors: none',
  ];
  return lines.join('\n');
}

/** The watcher processes' CPU from connecting to the final check, and how much of a core that was on average. */
function watcherCpu(watchers: CollectReport[]): string {
  const cpu = sum(watchers, (w) => w.cpuMs);
  const wall = Math.max(...watchers.map((w) => w.wallMs));
  return `${(cpu / 1000).toFixed(1)} s CPU in ${(wall / 1000).toFixed(1)} s (${(cpu / wall).toFixed(2)} cores)`;
}

function percentiles(values: number[]): Percentiles {
  return percentilesOfSorted(Float64Array.from(values).sort());
}

function percentilesOfSorted(sorted: Float64Array): Percentiles {
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

function count(statuses: string, letter: string): number {
  let n = 0;
  for (const c of statuses) if (c === letter) n++;
  return n;
}
