/**
 * The watchers of `pnpm bench:rush`, in a process of their own: graphql-ws
 * connections to the gateway, each keeping its own view of one show's seat
 * map by the resync rule (subscribe and buffer, load the map, apply frames
 * above the applied version in order, reload on a gap, after a short random
 * delay so that many watchers do not reload at once). A sample of them also
 * stamps when each seat's HELD and BOOKED status reached it. bench-rush.ts
 * drives it over IPC (connect, collect, stop), as bench-live.ts drives its
 * subscribers.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  clock,
  GatewayClient,
  loadLayout,
  loadSeatMap,
  sleep,
  statusLetters,
  type Layout,
  type SeatMapState,
} from './bench-rush-client.js';
import { SeatMapView, type Frame } from './bench-rush-view.js';
import { serveJobs } from './bench-live-child.js';

export interface ConnectJob {
  type: 'connect';
  /** The gateway's base URL, http://host:port. */
  url: string;
  /** The loopback address this process's connections leave from. */
  localAddress: string;
  showId: string;
  count: number;
  /** Watchers connecting at once. */
  concurrency: number;
  /**
   * How many watchers stamp their deliveries: every (count / sampled)th one,
   * so that the sample spans the order in which the gateway serves them.
   */
  sampled: number;
  /** A watcher that found a gap reloads after a random delay up to this. */
  reloadDelayMs: number;
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
  /** The final seat map, loaded once live traffic settled. */
  final: SeatMapState;
  /** How long to wait for every watcher to reach the final version. */
  timeoutMs: number;
}

export interface CollectReport {
  type: 'collected';
  watchers: number;
  /** Watchers whose view is not the final map. */
  mismatched: number;
  /** Of those, the ones that never reached the final version. */
  behind: number;
  firstMismatch: string | null;
  /** How many watchers reloaded the map n times, at index n. */
  reloads: number[];
  frames: number;
  /** Frames whose version was not above the applied one (ignored, as the rule says). */
  stale: number;
  /** Results carrying GraphQL errors, subscriptions that ended in an error, and failed reloads. */
  errors: number;
  /** Sockets the server closed after they had connected. */
  dropped: number;
  firstProblem: string | null;
  /** The w-th sampled watcher's first receipt of seat s as HELD, at [w * seats + s]; NaN when none came. */
  heldAt: Float64Array;
  /** The same for BOOKED. */
  bookedAt: Float64Array;
  sampled: number;
  /** CPU time this process used from the end of `connect` to here, and the wall time that took (ms). */
  cpuMs: number;
  wallMs: number;
}

export type WatcherJob = ConnectJob | CollectJob | { type: 'stop' };
export type WatcherReport = ConnectReport | CollectReport | { type: 'stopped' };

const watchQuery = `subscription Watch($showId: ID!) {
  seatMapChanged(showId: $showId) { version fromVersion seatIndexes statuses }
}`;

interface Result {
  data?: { seatMapChanged?: Frame } | null;
  errors?: unknown[];
}

/** A watcher: its view of the map, and whether the server closed its socket. */
interface Watcher {
  view: SeatMapView;
  dropped: boolean;
}

class Watchers {
  private readonly clients: Client[] = [];
  private readonly watchers: Watcher[] = [];
  private readonly socket: unknown;
  private readonly sampled: number;
  /** Watcher `index` is sampled when `index % stride` is 0 (and it is within `sampled`). */
  private readonly stride: number;
  private readonly heldAt: Float64Array;
  private readonly bookedAt: Float64Array;
  private frames = 0;
  private stale = 0;
  private errors = 0;
  private dropped = 0;
  private closing = false;
  private firstProblem: string | null = null;
  private cpuMark: NodeJS.CpuUsage | undefined;
  private wallMark = 0;

  private constructor(
    private readonly job: ConnectJob,
    private readonly http: GatewayClient,
    private readonly layout: Layout,
  ) {
    this.socket = boundSocket(job.localAddress);
    this.sampled = Math.min(job.sampled, job.count);
    this.stride = Math.max(1, Math.floor(job.count / Math.max(1, this.sampled)));
    this.heldAt = new Float64Array(this.sampled * layout.codes.length).fill(NaN);
    this.bookedAt = new Float64Array(this.sampled * layout.codes.length).fill(NaN);
  }

  /** Reads the layout once for the whole process: every watcher's view is in its order. */
  static async start(job: ConnectJob): Promise<Watchers> {
    const http = new GatewayClient(job.url, {
      localAddress: job.localAddress,
      maxSockets: 64,
      timeoutMs: job.timeoutMs,
    });
    return new Watchers(job, http, await loadLayout(http, job.showId));
  }

  /** Opens `count` watchers, `concurrency` at a time, each with its map loaded. */
  async connect(): Promise<ConnectReport> {
    let next = 0;
    let failed = 0;
    let firstFailure: string | null = null;
    const deadline = Date.now() + this.job.timeoutMs;
    const opener = async () => {
      while (next < this.job.count && Date.now() < deadline) {
        const failure = await this.open(next++);
        if (failure) {
          failed++;
          firstFailure ??= failure;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.job.concurrency, this.job.count) }, opener));
    this.cpuMark = process.cpuUsage();
    this.wallMark = performance.now();
    return { type: 'connected', opened: this.watchers.length - failed, failed, firstFailure };
  }

  /** Waits (bounded) until every watcher is at the final version, then compares each view with the final map. */
  async collect(job: CollectJob): Promise<CollectReport> {
    const current = ({ view, dropped }: Watcher) => dropped || (!view.waiting && view.applied >= job.final.version);
    const deadline = Date.now() + job.timeoutMs;
    while (!this.watchers.every(current) && Date.now() < deadline) await sleep(50);
    const final = Buffer.from(job.final.statuses, 'latin1');
    let mismatched = 0;
    let behind = 0;
    let firstMismatch: string | null = null;
    const reloads: number[] = [];
    for (const [index, { view, dropped }] of this.watchers.entries()) {
      reloads[view.reloads] = (reloads[view.reloads] ?? 0) + 1;
      if (Buffer.compare(view.statuses, final) === 0) continue;
      mismatched++;
      if (view.applied < job.final.version) behind++;
      firstMismatch ??=
        `watcher ${index} at version ${view.applied} (final ${job.final.version}): ` +
        `${differences(view.statuses, final)} seats differ${dropped ? ', socket dropped' : ''}`;
    }
    const { user, system } = process.cpuUsage(this.cpuMark);
    return {
      type: 'collected',
      watchers: this.watchers.length,
      mismatched,
      behind,
      firstMismatch,
      reloads: Array.from(reloads, (n) => n ?? 0),
      frames: this.frames,
      stale: this.stale,
      errors: this.errors,
      dropped: this.dropped,
      firstProblem: this.firstProblem,
      heldAt: this.heldAt,
      bookedAt: this.bookedAt,
      sampled: this.sampled,
      cpuMs: (user + system) / 1000,
      wallMs: performance.now() - this.wallMark,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    // A graphql-ws client's dispose may or may not return a promise.
    await Promise.all(this.clients.map(async (client) => client.dispose()));
    this.http.dispose();
  }

  /** Opens watcher `index`: subscribes, and loads the map once the socket is acknowledged. Resolves with a failure, if any. */
  private open(index: number): Promise<string | null> {
    const watcher: Watcher = { view: new SeatMapView(), dropped: false };
    this.watchers.push(watcher);
    return new Promise((resolve) => {
      let acknowledged = false;
      const client = createClient({
        url: `${this.job.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: this.socket,
        lazy: false,
        retryAttempts: 0,
        keepAlive: 0,
        connectionAckWaitTimeout: this.job.timeoutMs,
        onNonLazyError: () => {},
        on: {
          connected: () => {
            acknowledged = true;
            void this.firstLoad(watcher.view).then(resolve);
          },
          closed: (event) => {
            watcher.dropped = true;
            if (!acknowledged) resolve(describeClose(event));
            else if (!this.closing) {
              this.dropped++;
              this.problem(`socket ${index} closed: ${describeClose(event)}`);
            }
          },
        },
      });
      this.clients.push(client);
      client.subscribe(
        { query: watchQuery, variables: { showId: this.job.showId } },
        {
          next: (result) => this.receive(index, watcher.view, result as Result),
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

  private async firstLoad(view: SeatMapView): Promise<string | null> {
    const map = await loadSeatMap(this.http, this.job.showId);
    if (!map.ok) return `map load: ${map.code} ${map.message}`;
    if (view.load(map.data) === 'gap') void this.reload(view);
    return null;
  }

  /** A pushed frame at watcher `index`: stamped when sampled, then given to its view. */
  private receive(index: number, view: SeatMapView, result: Result): void {
    const now = clock();
    const frame = result.data?.seatMapChanged;
    if (result.errors?.length || !frame) {
      this.errors++;
      this.problem(`watcher ${index} got ${JSON.stringify(result).slice(0, 300)}`);
      return;
    }
    this.frames++;
    const slot = index / this.stride;
    if (Number.isInteger(slot) && slot < this.sampled) this.stamp(slot, frame, now);
    const applied = view.receive(frame);
    if (applied === 'stale') this.stale++;
    else if (applied === 'gap') void this.reload(view);
  }

  /** Notes, in sample slot `slot`, when each seat of the frame first reached it as HELD and as BOOKED. */
  private stamp(slot: number, frame: Frame, now: number): void {
    const base = slot * this.layout.codes.length;
    for (const [k, place] of frame.seatIndexes.entries()) {
      if (place >= this.layout.codes.length) continue;
      const letter = frame.statuses[k];
      const times =
        letter === statusLetters.HELD ? this.heldAt : letter === statusLetters.BOOKED ? this.bookedAt : undefined;
      if (times && Number.isNaN(times[base + place])) times[base + place] = now;
    }
  }

  /** Reloads a view's map after a random delay (so that watchers that saw one gap do not all reload at once), retrying a failed load. */
  private async reload(view: SeatMapView): Promise<void> {
    for (;;) {
      await sleep(Math.random() * this.job.reloadDelayMs);
      if (this.closing) return;
      const map = await loadSeatMap(this.http, this.job.showId);
      if (!map.ok) {
        this.errors++;
        this.problem(`reload: ${map.code} ${map.message}`);
        continue;
      }
      if (view.load(map.data) === 'loaded') return;
    }
  }

  private problem(what: string): void {
    this.firstProblem ??= what;
  }
}

/** graphql-ws constructs sockets with (url, protocols) only: this one also binds them to an address. */
function boundSocket(localAddress: string): unknown {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { localAddress });
    }
  };
}

function differences(view: Uint8Array, final: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < final.length; i++) if (view[i] !== final[i]) count++;
  return count;
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
      watchers = await Watchers.start(job);
      return watchers.connect();
    case 'collect':
      if (!watchers) throw new Error('collect before connect');
      return watchers.collect(job);
    case 'stop':
      await watchers?.close();
      return { type: 'stopped' };
    default:
      throw new Error(`unknown job ${(job as { type: string }).type}`);
  }
}

// When the bench goes away, the process does not linger with thousands of sockets.
serveJobs(handle);
