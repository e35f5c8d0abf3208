/**
 * Seat-hold attempts for contention tests: random seat sets from a seeded
 * generator (the seed goes into failure messages, so a run can be repeated),
 * sent through one or more gateways.
 */
import type { TestStack, TestUser } from './harness.js';
import { codes } from './builders.js';
import { LockSeatsDocument } from './documents.js';

export interface Attempt {
  /** Index of the gateway (test stack) it goes through. */
  via: number;
  user: TestUser;
  seatIds: string[];
}

export interface AttemptResult extends Attempt {
  holdId: string | null;
  /** The first error code when it failed. */
  code: string | null;
}

/** A small deterministic generator (mulberry32): the same seed gives the same attempts. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` attempts of 1 to `maxSeats` distinct seats of `pool`, alternating between `gateways` gateways. */
export function randomAttempts(
  random: () => number,
  count: number,
  users: TestUser[],
  pool: string[],
  gateways: number,
  maxSeats = 4,
): Attempt[] {
  return Array.from({ length: count }, (_, i) => {
    const size = 1 + Math.floor(random() * maxSeats);
    const seats = new Set<string>();
    while (seats.size < size) seats.add(pool[Math.floor(random() * pool.length)]!);
    return { via: i % gateways, user: users[Math.floor(random() * users.length)]!, seatIds: [...seats] };
  });
}

/** Sends the attempts with at most `concurrency` in flight (all at once by default). */
export async function sendAttempts(
  stacks: TestStack[],
  showId: string,
  attempts: Attempt[],
  concurrency = attempts.length,
): Promise<AttemptResult[]> {
  const results = new Array<AttemptResult>(attempts.length);
  let next = 0;
  const worker = async () => {
    while (next < attempts.length) {
      const index = next++;
      const attempt = attempts[index]!;
      const stack = stacks[attempt.via]!;
      const result = await stack.gql(
        LockSeatsDocument,
        { input: { showId, seatIds: attempt.seatIds } },
        attempt.user.token,
      );
      results[index] = { ...attempt, holdId: result.data?.lockSeats.id ?? null, code: codes(result)[0] ?? null };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, attempts.length) }, worker));
  return results;
}

/** Registers `count` users, a few at a time (password hashing is deliberately slow). */
export async function registerUsers(stacks: TestStack[], count: number, batch = 10): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const stack = (i: number) => stacks[(start + i) % stacks.length]!;
    users.push(...(await Promise.all(Array.from({ length: size }, (_, i) => stack(i).register(`Buyer ${start + i}`)))));
  }
  return users;
}
