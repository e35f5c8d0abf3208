/**
 * What `pnpm bench:live` measured in one level, and how it prints: the
 * table row and the figures behind it.
 */
import type { CollectReport } from './bench-live-watchers.js';

export interface Memory {
  rss: number;
  heap: number;
}

/** The lockSeats of a burst as sent: when each left, when it was answered, its hold. */
export interface Sent {
  sendTimes: number[];
  /** When each hold's reply came, by hold. */
  replyTimes: number[];
  replyMs: number[];
  /** The hold's id, or null when lockSeats failed. */
  holdIds: Array<string | null>;
  failures: number;
  firstFailure: string | null;
}

export interface LevelResult {
  subscribers: number;
  connectMs: number;
  connectFailures: number;
  firstConnectFailure: string | null;
  /** The gateway process with no subscriber, and with all of them. */
  before: Memory;
  after: Memory;
  sent: Sent;
  /** Subscription executions during the burst (one per change and distinct document). */
  executions: number;
  /** The gateway process during the burst: CPU seconds, wall seconds, longest event-loop delay (s). */
  load: { cpu: number; wall: number; maxDelay: number };
  reports: CollectReport[];
}

/** The deliveries of a level, from the subscribers' receive times and the holds' send times. */
export interface Deliveries {
  expected: number;
  /** Receive minus send time of every delivery, sorted (ms). */
  latencies: Float64Array;
  /** Receive time minus the time the hold's reply came, of every delivery, sorted (ms; below 0 when it came first). */
  afterReply: Float64Array;
  /** From the first send to the last delivery (ms). */
  fanOutMs: number;
  /** Per change: its first delivery after its send (ms). */
  firstMs: number[];
  /** Per change: its last delivery after its first (ms), the time one fan-out takes. */
  spreadMs: number[];
}

/** Matches every subscriber's receive times to the holds that succeeded. */
export function deliveries(reports: CollectReport[], sent: Sent): Deliveries {
  const { sendTimes, holdIds } = sent;
  const holds = holdIds.length;
  const succeeded = holdIds.filter((id) => id !== null).length;
  const subscribers = reports.reduce((sum, report) => sum + report.times.length / holds, 0);
  const latencies = new Float64Array(subscribers * succeeded);
  const afterReply = new Float64Array(subscribers * succeeded);
  const firstAt = new Float64Array(holds).fill(Infinity);
  const lastAt = new Float64Array(holds).fill(-Infinity);
  let received = 0;
  for (const { times } of reports) {
    for (let slot = 0; slot < times.length; slot++) {
      const at = times[slot] ?? NaN;
      const h = slot % holds;
      if (Number.isNaN(at) || holdIds[h] === null) continue;
      afterReply[received] = at - (sent.replyTimes[h] ?? 0);
      latencies[received++] = at - (sendTimes[h] ?? 0);
      firstAt[h] = Math.min(firstAt[h] ?? Infinity, at);
      lastAt[h] = Math.max(lastAt[h] ?? -Infinity, at);
    }
  }
  const seen = [...firstAt.keys()].filter((h) => Number.isFinite(firstAt[h]));
  return {
    expected: subscribers * succeeded,
    latencies: latencies.subarray(0, received).sort(),
    afterReply: afterReply.subarray(0, received).sort(),
    fanOutMs: Math.max(...lastAt) - Math.min(...sendTimes),
    firstMs: seen.map((h) => (firstAt[h] ?? NaN) - (sendTimes[h] ?? NaN)),
    spreadMs: seen.map((h) => (lastAt[h] ?? NaN) - (firstAt[h] ?? NaN)),
  };
}

const columns: Array<[string, number]> = [
  ['subscribers', 11],
  ['connect s', 9],
  ['RSS/conn', 9],
  ['heap/conn', 9],
  ['holds', 5],
  ['deliveries', 10],
  ['missing', 7],
  ['gaps', 5],
  ['p50 ms', 8],
  ['p99 ms', 8],
  ['max ms', 8],
  ['reply p50', 9],
  ['reply p99', 9],
  ['fan-out ms', 10],
];

export function header(): string {
  const cells = columns.map(([name, width]) => name.padStart(width));
  return `| ${cells.join(' | ')} |\n|${columns.map(([, width]) => '-'.repeat(width + 1) + ':').join('|')}|`;
}

export function row(result: LevelResult, d: Deliveries): string {
  const perConnection = (key: keyof Memory) =>
    `${((result.after[key] - result.before[key]) / result.subscribers / 1024).toFixed(1)} KiB`;
  const quantile = (values: Float64Array, q: number) => values[Math.max(0, Math.ceil(q * values.length) - 1)] ?? NaN;
  const at = (q: number) => quantile(d.latencies, q);
  const cells = [
    String(result.subscribers),
    (result.connectMs / 1000).toFixed(1),
    perConnection('rss'),
    perConnection('heap'),
    String(result.sent.holdIds.length - result.sent.failures),
    String(d.latencies.length),
    String(d.expected - d.latencies.length),
    String(total(result.reports, 'gaps')),
    at(0.5).toFixed(1),
    at(0.99).toFixed(1),
    (d.latencies.at(-1) ?? NaN).toFixed(1),
    quantile(d.afterReply, 0.5).toFixed(1),
    quantile(d.afterReply, 0.99).toFixed(1),
    d.fanOutMs.toFixed(0),
  ];
  return `| ${cells.map((cell, i) => cell.padStart(columns[i]?.[1] ?? 0)).join(' | ')} |`;
}

/** The figures behind a row: absolute memory, the holds' replies, per-change timings, load and problems. */
export function details(result: LevelResult, d: Deliveries): string {
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const ms = (values: number[]) => `p50 ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
  const { before, after, sent, load, reports } = result;
  const changes = sent.holdIds.length - sent.failures;
  const lines = [
    `gateway process idle -> all subscribed (after GC): RSS ${mib(before.rss)} -> ${mib(after.rss)} MiB, ` +
      `heap used ${mib(before.heap)} -> ${mib(after.heap)} MiB; ` +
      `${(result.subscribers / (result.connectMs / 1000)).toFixed(0)} subscribers connected per second`,
    `burst: ${changes} lockSeats replied in ${ms(sent.replyMs)}; ${result.executions} subscription executions ` +
      `for ${changes} changes; ${d.expected} deliveries expected in ` +
      `${(total(reports, 'frames') / Math.max(1, result.subscribers)).toFixed(1)} frames per subscriber`,
    `per change: first delivery ${ms(d.firstMs)} after its send; the last one ${ms(d.spreadMs)} after the ` +
      `first (${(result.subscribers / (median(d.spreadMs) / 1000)).toFixed(0)} deliveries/s at p50)`,
    `during the burst: gateway process ${load.cpu.toFixed(1)} s CPU in ${load.wall.toFixed(1)} s, longest ` +
      `event-loop delay ${(load.maxDelay * 1000).toFixed(0)} ms; subscriber process(es) ` +
      `${(total(reports, 'cpuMs') / 1000).toFixed(1)} s CPU`,
    `failures: connect ${result.connectFailures}, lockSeats ${sent.failures}, dropped sockets ` +
      `${total(reports, 'dropped')}, error results ${total(reports, 'errors')}, stale versions ` +
      `${total(reports, 'stale')}, unexpected changes ${total(reports, 'unexpected')}`,
    result.firstConnectFailure && `first connect failure: ${result.firstConnectFailure}`,
    sent.firstFailure && `first lockSeats failure: ${sent.firstFailure}`,
    ...reports.map((report) => report.firstProblem && `first problem: ${report.firstProblem}`),
  ];
  return [`${result.subscribers} subscribers`, ...lines.filter((line) => !!line).map((line) => `  ${line}`)].join('\n');
}

type Counter = 'gaps' | 'frames' | 'stale' | 'unexpected' | 'errors' | 'dropped' | 'cpuMs';

function total(reports: CollectReport[], key: Counter): number {
  return reports.reduce((sum, report) => sum + report[key], 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}
