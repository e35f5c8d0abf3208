/**
 * The buyers of `pnpm bench:rush`, in a process of their own: `concurrency`
 * loops, each taking a signed-in account that is free at the moment and
 * buying with it: load the seat map (compact form), pick a free seat at
 * random and a free neighbour in its row (the seat alone when it has none),
 * hold them (`lockSeats` with their codes; on SEATS_UNAVAILABLE, reload and
 * pick again, up to `attempts` times), then `checkout` with tok_visa and a
 * fresh idempotency key. A loop stops once the map shows every seat booked
 * or the sell window has ended. bench-rush.ts sends one `run` job and gets
 * the timings, the error codes and when each seat was held and booked.
 */
import { randomUUID } from 'node:crypto';
import {
  clock,
  GatewayClient,
  loadLayout,
  loadSeatMap,
  sleep,
  type Layout,
  type Outcome,
} from './bench-rush-client.js';
import { serveJobs } from './bench-live-child.js';

export interface RunJob {
  type: 'run';
  /** The gateway's base URL, http://host:port. */
  url: string;
  showId: string;
  /** Access tokens of this process's accounts. */
  tokens: string[];
  concurrency: number;
  /** When the first request goes out (clock ms), the same for every buyer process. */
  startAt: number;
  /** No purchase starts after this (clock ms). */
  endAt: number;
  /** lockSeats refusals one purchase takes before it gives up. */
  attempts: number;
  timeoutMs: number;
}

export interface RunReport {
  type: 'done';
  mapMs: number[];
  holdMs: number[];
  checkoutMs: number[];
  /** Failed requests by operation and code, e.g. "lockSeats SEATS_UNAVAILABLE". */
  errors: Record<string, number>;
  /** The first message of each of those. */
  firstErrors: Record<string, string>;
  /** Confirmed checkouts, and the seats they bought. */
  purchases: number;
  seats: number;
  /** Purchases that gave up after `attempts` refusals. */
  gaveUp: number;
  /** When the first lockSeats left and the last confirmed checkout came back (clock ms; NaN when none). */
  firstHoldAt: number;
  lastSaleAt: number;
  /** Per seat in layout order: when a lockSeats holding it, and a checkout buying it, came back (first; NaN when none). */
  heldAt: Float64Array;
  bookedAt: Float64Array;
  /** A buyer saw every seat booked. */
  soldOut: boolean;
  /** CPU time this process used while buying (ms). */
  cpuMs: number;
}

export type BuyerJob = RunJob | { type: 'stop' };
export type BuyerReport = RunReport | { type: 'stopped' };

/** The one refusal a rush expects: somebody else was quicker. */
export const expectedError = 'lockSeats SEATS_UNAVAILABLE';

const lockMutation = 'mutation Hold($input: LockSeatsInput!) { lockSeats(input: $input) { id } }';
const checkoutMutation = 'mutation Checkout($input: CheckoutInput!) { checkout(input: $input) { id status } }';
const releaseMutation = 'mutation Release($holdId: ID!) { releaseSeats(holdId: $holdId) }';
/** How long a buyer waits before looking again when every free seat is held by someone checking out. */
const heldRetryMs = 100;

class Buyers {
  /** Accounts not buying at the moment. */
  private readonly free: string[];
  private readonly report: RunReport;

  constructor(
    private readonly job: RunJob,
    private readonly layout: Layout,
    private readonly client: GatewayClient,
  ) {
    this.free = [...job.tokens];
    const seats = layout.codes.length;
    this.report = {
      type: 'done',
      mapMs: [],
      holdMs: [],
      checkoutMs: [],
      errors: {},
      firstErrors: {},
      purchases: 0,
      seats: 0,
      gaveUp: 0,
      firstHoldAt: NaN,
      lastSaleAt: NaN,
      heldAt: new Float64Array(seats).fill(NaN),
      bookedAt: new Float64Array(seats).fill(NaN),
      soldOut: false,
      cpuMs: 0,
    };
  }

  async run(): Promise<RunReport> {
    await sleep(this.job.startAt - clock());
    const mark = process.cpuUsage();
    const loops = Math.min(this.job.concurrency, this.free.length);
    await Promise.all(Array.from({ length: loops }, () => this.loop()));
    const { user, system } = process.cpuUsage(mark);
    this.report.cpuMs = (user + system) / 1000;
    return this.report;
  }

  private get open(): boolean {
    return !this.report.soldOut && clock() < this.job.endAt;
  }

  private async loop(): Promise<void> {
    while (this.open) {
      const token = this.free.shift();
      if (!token) return;
      try {
        await this.purchase(token);
      } finally {
        this.free.push(token);
      }
    }
  }

  /** One purchase by one account: map, pick, hold (retried on refusals), checkout. */
  private async purchase(token: string): Promise<void> {
    for (let attempt = 0; attempt < this.job.attempts;) {
      if (!this.open) return;
      const map = await this.timed(this.report.mapMs, () => loadSeatMap(this.client, this.job.showId));
      if (!map.ok) return this.fail('seatMap', map);
      const seats = pickSeats(map.data.outcome.statuses, this.layout);
      if (!seats) {
        if (!map.data.outcome.statuses.includes('H')) this.report.soldOut = true;
        else await sleep(heldRetryMs);
        continue;
      }
      attempt++;
      const input = { showId: this.job.showId, seatIds: seats.map((s) => this.layout.codes[s]) };
      if (Number.isNaN(this.report.firstHoldAt)) this.report.firstHoldAt = clock();
      const hold = await this.timed(this.report.holdMs, () =>
        this.client.graphql<{ lockSeats: { id: string } }>(lockMutation, { input }, token),
      );
      if (!hold.ok) {
        this.fail('lockSeats', hold);
        if (hold.code === 'SEATS_UNAVAILABLE') continue;
        return;
      }
      stampFirst(this.report.heldAt, seats, hold.data.at);
      return this.checkout(hold.data.outcome.lockSeats.id, seats, token);
    }
    this.report.gaveUp++;
  }

  private async checkout(holdId: string, seats: number[], token: string): Promise<void> {
    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
    const paid = await this.timed(this.report.checkoutMs, () =>
      this.client.graphql<{ checkout: { id: string; status: string } }>(checkoutMutation, { input }, token),
    );
    const status = paid.ok ? paid.data.outcome.checkout.status : undefined;
    if (paid.ok && status === 'CONFIRMED') {
      stampFirst(this.report.bookedAt, seats, paid.data.at);
      this.report.purchases++;
      this.report.seats += seats.length;
      this.report.lastSaleAt = Number.isNaN(this.report.lastSaleAt)
        ? paid.data.at
        : Math.max(this.report.lastSaleAt, paid.data.at);
      return;
    }
    this.fail('checkout', paid.ok ? { code: `BOOKING_${status}`, message: `booking ${status}` } : paid);
    // The seats go back on sale (and the account stays under its cap of holds).
    const released = await this.client.graphql(releaseMutation, { holdId }, token);
    if (!released.ok) this.fail('releaseSeats', released);
  }

  /** Runs a request, notes how long it took and when its answer came (clock ms). */
  private async timed<T>(
    into: number[],
    request: () => Promise<Outcome<T>>,
  ): Promise<Outcome<{ outcome: T; at: number }>> {
    const sent = performance.now();
    const outcome = await request();
    const done = performance.now();
    into.push(done - sent);
    if (!outcome.ok) return outcome;
    return { ok: true, data: { outcome: outcome.data, at: performance.timeOrigin + done } };
  }

  private fail(operation: string, failure: { code: string; message: string }): void {
    const key = `${operation} ${failure.code}`;
    this.report.errors[key] = (this.report.errors[key] ?? 0) + 1;
    this.report.firstErrors[key] ??= failure.message.slice(0, 300);
  }
}

/**
 * A free seat at random and a free neighbour in its row (same row, number
 * one apart), or the seat alone when both neighbours are taken; undefined
 * when no seat is free.
 */
function pickSeats(statuses: string, layout: Layout): number[] | undefined {
  const free: number[] = [];
  for (let i = 0; i < statuses.length; i++) if (statuses.charCodeAt(i) === 65 /* A */) free.push(i);
  const seat = free[Math.floor(Math.random() * free.length)];
  if (seat === undefined) return undefined;
  const beside = (other: number) =>
    statuses[other] === 'A' &&
    layout.rows[other] === layout.rows[seat] &&
    Math.abs((layout.numbers[other] ?? NaN) - (layout.numbers[seat] ?? NaN)) === 1;
  const [first, second] = Math.random() < 0.5 ? [seat + 1, seat - 1] : [seat - 1, seat + 1];
  if (beside(first)) return [seat, first].sort((a, b) => a - b);
  if (beside(second)) return [seat, second].sort((a, b) => a - b);
  return [seat];
}

function stampFirst(times: Float64Array, seats: number[], at: number): void {
  for (const s of seats) if (Number.isNaN(times[s])) times[s] = at;
}

let client: GatewayClient | undefined;

async function handle(job: BuyerJob): Promise<BuyerReport> {
  switch (job.type) {
    case 'run': {
      client = new GatewayClient(job.url, { maxSockets: job.concurrency, timeoutMs: job.timeoutMs });
      const layout = await loadLayout(client, job.showId);
      return new Buyers(job, layout, client).run();
    }
    case 'stop':
      client?.dispose();
      return { type: 'stopped' };
    default:
      throw new Error(`unknown job ${(job as { type: string }).type}`);
  }
}

// When the bench goes away, the process stops buying.
serveJobs(handle);
