/**
 * The subscribers of `pnpm bench:live`, in a process of their own: graphql-ws
 * connections to the gateway, each subscribed to one show's seat map, and
 * when each change reached each of them. bench-live.ts drives it over IPC
 * (connect, collect, stop); timestamps are wall-clock milliseconds with
 * sub-millisecond precision, comparable across the bench's processes.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { serveJobs } from './bench-live-child.js';

/** Milliseconds since the epoch, with the resolution of `performance.now()` (as in bench-live.ts). */
const clock = (): number => performance.timeOrigin + performance.now();

export interface ConnectJob {
  type: 'connect';
  /** ws://…/graphql */
  url: string;
  /** The loopback address the connections leave from. */
  localAddress: string;
  query: string;
  variables: Record<string, unknown>;
  count: number;
  /** Connections being opened at once. */
  concurrency: number;
  /** The show's version before the burst: the first change is the next one. */
  baseVersion: number;
  /** Which hold (index) each seat of the burst belongs to. */
  seatHolds: Record<string, number>;
  holds: number;
  timeoutMs: number;
}

export interface ConnectReport {
  type: 'connected';
  opened: number;
  failed: number;
  firstFailure: string | null;
}

export interface CollectJob {
  type: 'collect';
  /** Wait at most this long for every watcher to have every hold. */
  timeoutMs: number;
}

export interface CollectReport {
  type: 'collected';
  /** Receive time of hold h at watcher w at [w * holds + h]; NaN when it never came. */
  times: Float64Array;
  /** Versions skipped between two consecutive messages of a watcher (a frame covers fromVersion..version). */
  gaps: number;
  /** Messages received: fewer than changes when the gateway merged changes that came close together. */
  frames: number;
  /** Messages whose version was not above the last one the watcher saw. */
  stale: number;
  /** Messages that belong to no hold of the burst (other changes, or other seats). */
  unexpected: number;
  /** Results carrying GraphQL errors, and subscriptions that ended with an error. */
  errors: number;
  /** Sockets the server closed after they had connected. */
  dropped: number;
  firstProblem: string | null;
  /** CPU time this process used from the end of `connect` to here (ms). */
  cpuMs: number;
}

export type WatcherJob = ConnectJob | CollectJob | { type: 'stop' };
export type WatcherReport = ConnectReport | CollectReport | { type: 'stopped' };

interface SeatMapChange {
  version: number;
  fromVersion: number;
  change: string;
  seats: Array<{ id: string; status: string }>;
}
interface Result {
  data?: { seatMapChanged?: SeatMapChange } | null;
  errors?: unknown[];
}

/** graphql-ws constructs sockets with (url, protocols) only: this one also binds them to an address. */
function boundSocket(localAddress: string): unknown {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { localAddress });
    }
  };
}

class Watchers {
  private readonly clients: Client[] = [];
  private readonly times: Float64Array;
  private readonly seatHolds: Map<string, number>;
  private readonly socket: unknown;
  /** The highest version each watcher has seen. */
  private readonly lastVersion: number[] = [];
  private received = 0;
  private gaps = 0;
  private frames = 0;
  private stale = 0;
  private unexpected = 0;
  private errors = 0;
  private dropped = 0;
  private failed = 0;
  private closing = false;
  private firstProblem: string | null = null;
  private firstFailure: string | null = null;
  private cpuMark: NodeJS.CpuUsage | undefined;

  constructor(private readonly job: ConnectJob) {
    this.times = new Float64Array(job.count * job.holds).fill(NaN);
    this.seatHolds = new Map(Object.entries(job.seatHolds));
    this.socket = boundSocket(job.localAddress);
  }

  /** Opens `count` connections, `concurrency` at a time; resolves once each is acknowledged or failed. */
  async connect(): Promise<ConnectReport> {
    let next = 0;
    const deadline = Date.now() + this.job.timeoutMs;
    const opener = async () => {
      while (next < this.job.count && Date.now() < deadline) await this.open(next++);
    };
    await Promise.all(Array.from({ length: Math.min(this.job.concurrency, this.job.count) }, opener));
    const opened = this.clients.length - this.failed;
    this.cpuMark = process.cpuUsage();
    return { type: 'connected', opened, failed: this.job.count - opened, firstFailure: this.firstFailure };
  }

  /** Waits until every watcher has every hold, or the time is up. */
  async collect(timeoutMs: number): Promise<CollectReport> {
    const deadline = Date.now() + timeoutMs;
    while (this.received < this.times.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { user, system } = process.cpuUsage(this.cpuMark);
    const { times, gaps, frames, stale, unexpected, errors, dropped, firstProblem } = this;
    return {
      type: 'collected',
      times,
      gaps,
      frames,
      stale,
      unexpected,
      errors,
      dropped,
      firstProblem,
      cpuMs: (user + system) / 1000,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    // A graphql-ws client's dispose may or may not return a promise.
    await Promise.all(this.clients.map(async (client) => client.dispose()));
  }

  private open(index: number): Promise<void> {
    return new Promise((resolve) => {
      let acknowledged = false;
      const client = createClient({
        url: this.job.url,
        webSocketImpl: this.socket,
        lazy: false,
        retryAttempts: 0,
        keepAlive: 0,
        connectionAckWaitTimeout: this.job.timeoutMs,
        onNonLazyError: () => {},
        on: {
          connected: () => {
            acknowledged = true;
            resolve();
          },
          closed: (event) => {
            if (!acknowledged) {
              this.failed++;
              this.firstFailure ??= describeClose(event);
            } else if (!this.closing) {
              this.dropped++;
              this.problem(`socket ${index} closed: ${describeClose(event)}`);
            }
            resolve();
          },
        },
      });
      this.clients.push(client);
      client.subscribe(
        { query: this.job.query, variables: this.job.variables },
        {
          next: (result) => this.record(index, result as Result),
          error: (err) => {
            if (!acknowledged || this.closing) return;
            this.errors++;
            this.problem(`subscription ${index} failed: ${describe(err)}`);
          },
          complete: () => {},
        },
      );
    });
  }

  /** One pushed result at watcher `index`: checks its version and stamps the hold it reports. */
  private record(index: number, result: Result): void {
    const now = clock();
    const change = result.data?.seatMapChanged;
    if (result.errors?.length || !change) {
      this.errors++;
      this.problem(`watcher ${index} got ${JSON.stringify(result).slice(0, 300)}`);
      return;
    }
    const last = this.lastVersion[index] ?? this.job.baseVersion;
    if (change.version <= last) this.stale++;
    else {
      this.gaps += Math.max(0, change.fromVersion - last - 1);
      this.lastVersion[index] = change.version;
    }
    this.frames++;
    // A frame may carry several holds (changes that came close together): each is stamped.
    const holds = new Set(change.seats.map((seat) => this.seatHolds.get(seat.id)));
    for (const hold of holds) {
      const slot = index * this.job.holds + (hold ?? 0);
      if (hold === undefined || change.change !== 'HELD' || !Number.isNaN(this.times[slot])) {
        this.unexpected++;
        continue;
      }
      this.times[slot] = now;
      this.received++;
    }
  }

  private problem(what: string): void {
    this.firstProblem ??= what;
  }
}

function describeClose(event: unknown): string {
  const e = event as { code?: number; reason?: string };
  if (e.code !== undefined) return `close ${e.code} ${e.reason ?? ''}`.trim();
  return describe(event);
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return JSON.stringify(err)?.slice(0, 300) ?? String(err);
}

let watchers: Watchers | undefined;

async function handle(job: WatcherJob): Promise<WatcherReport> {
  switch (job.type) {
    case 'connect':
      watchers = new Watchers(job);
      return watchers.connect();
    case 'collect':
      if (!watchers) throw new Error('collect before connect');
      return watchers.collect(job.timeoutMs);
    case 'stop':
      await watchers?.close();
      return { type: 'stopped' };
    default:
      throw new Error(`unknown job ${(job as { type: string }).type}`);
  }
}

// When the bench goes away, the process does not linger with thousands of sockets.
serveJobs(handle);
