/**
 * Buyers through the gateway over real HTTP, as during an on-sale: each
 * one repeatedly holds one or two free seats and then pays (at once, slowly
 * or with a declined card), lets go of the hold, or cancels a booking it
 * made. A checkout that fails or times out is sent again with the same
 * idempotency key a few times, as a real client does; what each client was
 * told is recorded, for the invariants to hold against the database.
 */
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { TestStack, TestUser } from '../harness.js';
import { CancelBookingDocument, CheckoutDocument, LockSeatsDocument, ReleaseSeatsDocument } from '../documents.js';
import { randomSource } from '../attempts.js';
import { SeatPool, type Screening, type SeatSet } from './seat-pool.js';
import { noAnswer, send, type Answer, type ClientLog } from './client.js';

export type PaymentToken = 'tok_visa' | 'tok_slow' | 'tok_chargeDeclined';

/** One checkout under one idempotency key, with every answer its tries got. */
export interface CheckoutTrace {
  userId: string;
  key: string;
  token: PaymentToken;
  /** Each try's booking status, or its error code. */
  answers: string[];
  /** The booking a try answered with, if any did. */
  bookingId: string | null;
  /** The run ended while a try was waiting for its answer: the client was told nothing. */
  abandoned: boolean;
}

export interface LoadRecord extends ClientLog {
  seed: number;
  /** Rounds of the buyers' loops. */
  iterations: number;
  checkouts: CheckoutTrace[];
  /** Bookings a client asked to cancel (whatever it was told). */
  cancelRequested: Set<string>;
}

export interface LoadOptions {
  users: readonly TestUser[];
  screenings: readonly Screening[];
  /** The stack's HOLD_TTL_SECONDS, in ms. */
  holdMs: number;
  /** Check out each hold near its end (with tok_slow mostly) instead of at once. */
  lateCheckout?: boolean;
  /** How long a client waits for an answer before it gives up and tries again (longer than checkout's own waits). */
  requestTimeoutMs?: number;
  seed?: number;
}

export interface RunningLoad {
  /** Stops the buyers after their current round; resolves with what they did. */
  stop(): Promise<LoadRecord>;
  /** Stops the buyers at once, cutting their requests short (a scenario that failed midway). */
  abort(): Promise<void>;
}

/** How long the buyers may take to finish their rounds once stopped, before their requests are abandoned. */
const drainMs = 45_000;
/**
 * How long a client keeps sending a checkout again with its key after an
 * error or a timeout, as a client should until it has the real outcome:
 * longer than a dead checkout's lease (30 s) and a reconciliation pass.
 */
const checkoutRetryForMs = 40_000;
/** The longest a client waits before it tries again, whatever the answer asked for. */
const maxRetryWaitMs = 3000;

/** Starts one buyer per user. */
export function startLoad(t: TestStack, options: LoadOptions): RunningLoad {
  const seed = options.seed ?? Date.now() % 1_000_000;
  const random = randomSource(seed);
  const record: LoadRecord = {
    seed,
    iterations: 0,
    requests: 0,
    codes: {},
    statuses: {},
    internalErrors: [],
    uncodedErrors: [],
    timeouts: [],
    checkouts: [],
    cancelRequested: new Set(),
  };
  let stopped = false;
  const halt = new AbortController();
  const pool = new SeatPool(options.screenings, random);
  const buyer = new Buyer(t, options, pool, random, record, { stopped: () => stopped, halt: halt.signal });
  const loops = Promise.all(options.users.map((user) => buyer.run(user)));
  return {
    stop: async () => {
      stopped = true;
      let timer: NodeJS.Timeout | undefined;
      const drained = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), drainMs)));
      if (!(await Promise.race([loops.then(() => true), drained]))) halt.abort();
      clearTimeout(timer);
      await loops;
      return record;
    },
    abort: async () => {
      stopped = true;
      halt.abort();
      await loops;
    },
  };
}

/** How a buyer learns that the run ends: it stops after its round, and then its requests may be cut short. */
interface RunEnd {
  stopped(): boolean;
  halt: AbortSignal;
}

/** A booking a buyer was told is CONFIRMED, which it may cancel later. */
interface Bought {
  bookingId: string;
  seats: SeatSet;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What each buyer does; one instance serves every loop (it keeps no state of its own per user). */
class Buyer {
  private readonly timeoutMs: number;

  constructor(
    private readonly t: TestStack,
    private readonly options: LoadOptions,
    private readonly pool: SeatPool,
    private readonly random: () => number,
    private readonly record: LoadRecord,
    private readonly end: RunEnd,
  ) {
    this.timeoutMs = options.requestTimeoutMs ?? 20_000;
  }

  async run(user: TestUser): Promise<void> {
    const confirmed: Bought[] = [];
    while (!this.end.stopped()) {
      this.record.iterations++;
      const cancelNow = !this.options.lateCheckout && confirmed.length > 0 && this.random() < 0.15;
      if (cancelNow) await this.cancel(user, confirmed.shift()!);
      else await this.holdAndDecide(user, confirmed);
      await sleep(30 + this.random() * 70);
    }
  }

  private async holdAndDecide(user: TestUser, confirmed: Bought[]) {
    // Now and then a buyer goes for seats someone may have: contention on purpose.
    const count = this.random() < 0.5 ? 1 : 2;
    const seats = this.random() < 0.1 ? this.pool.anySeats(count) : this.pool.take(count);
    if (!seats) return sleep(50);
    const held = await this.send(
      'lockSeats',
      LockSeatsDocument,
      { input: { showId: seats.showId, seatIds: seats.seatIds } },
      user,
    );
    const holdId = held.data?.lockSeats.id;
    if (!holdId) return this.pool.park(seats, this.options.holdMs + 1000);
    this.pool.claim(seats);
    if (this.options.lateCheckout) {
      await sleep(this.options.holdMs - 900 + this.random() * 1200);
      const token = this.random() < 0.7 ? 'tok_slow' : 'tok_visa';
      return this.afterCheckout(user, seats, holdId, await this.checkout(user, holdId, token), confirmed);
    }
    const roll = this.random();
    if (roll < 0.2) return this.release(user, seats, holdId);
    const token = roll < 0.55 ? 'tok_visa' : roll < 0.8 ? 'tok_slow' : 'tok_chargeDeclined';
    return this.afterCheckout(user, seats, holdId, await this.checkout(user, holdId, token), confirmed);
  }

  private async afterCheckout(
    user: TestUser,
    seats: SeatSet,
    holdId: string,
    trace: CheckoutTrace,
    confirmed: Bought[],
  ): Promise<void> {
    const last = trace.answers.at(-1);
    if (last === 'CONFIRMED' && trace.bookingId) confirmed.push({ bookingId: trace.bookingId, seats });
    else if (last === 'PAYMENT_DECLINED') await this.release(user, seats, holdId);
    else if (last === 'HOLD_EXPIRED') this.pool.park(seats, 1000);
    // Pending, or not known: the seats are someone's until the hold has surely ended.
    else this.pool.park(seats, this.options.holdMs + 2000);
  }

  /** One checkout under a fresh key, sent again with that key after an error or a timeout. */
  private async checkout(user: TestUser, holdId: string, token: PaymentToken): Promise<CheckoutTrace> {
    const trace: CheckoutTrace = {
      userId: user.userId,
      key: randomUUID(),
      token,
      answers: [],
      bookingId: null,
      abandoned: false,
    };
    this.record.checkouts.push(trace);
    const input = { holdId, paymentMethod: { token }, idempotencyKey: trace.key };
    const giveUpAt = Date.now() + checkoutRetryForMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.send('checkout', CheckoutDocument, { input }, user);
      const booking = answer.data?.checkout;
      if (booking) {
        trace.answers.push(booking.status);
        trace.bookingId = booking.id;
        return trace;
      }
      trace.answers.push(answer.code);
      trace.abandoned = answer.code === noAnswer.abandoned;
      if (!answer.retryable || Date.now() >= giveUpAt) return trace;
      await sleep(Math.min(answer.retryAfterMs ?? 250 * 2 ** attempt, maxRetryWaitMs));
    }
  }

  private async release(user: TestUser, seats: SeatSet, holdId: string): Promise<void> {
    const released = await this.send('releaseSeats', ReleaseSeatsDocument, { holdId }, user);
    if (released.data?.releaseSeats === true) this.pool.give(seats);
    else this.pool.park(seats, this.options.holdMs + 1000);
  }

  private async cancel(user: TestUser, booking: Bought): Promise<void> {
    this.record.cancelRequested.add(booking.bookingId);
    for (let attempt = 0; attempt <= 2; attempt++) {
      const answer = await this.send('cancelBooking', CancelBookingDocument, { id: booking.bookingId }, user);
      if (answer.data?.cancelBooking.status === 'CANCELLED') return this.pool.give(booking.seats);
      if (!answer.retryable) break;
      await sleep(Math.min(answer.retryAfterMs ?? 300, maxRetryWaitMs));
    }
    this.pool.park(booking.seats, this.options.holdMs + 1000);
  }

  private send<T, V>(
    operation: string,
    document: TypedDocumentNode<T, V>,
    variables: V,
    user: TestUser,
  ): Promise<Answer<T>> {
    const { timeoutMs, end } = this;
    return send(this.t, this.record, { operation, document, variables, token: user.token, timeoutMs, halt: end.halt });
  }
}
