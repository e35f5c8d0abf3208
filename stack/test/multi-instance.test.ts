import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack } from './support/harness.js';
import { findScreening } from './support/builders.js';
import { CheckoutDocument } from './support/documents.js';
import { randomAttempts, randomSource, registerUsers, sendAttempts, type AttemptResult } from './support/attempts.js';

// Longer than the contention run may take (its timeout), so no hold lapses
// during it; the expiry test brings the holds' expiry forward instead of waiting.
const holdTtlSeconds = 300;
const attemptCount = 1000;

/**
 * Two gateways and two bookings instances (each with its own sweeper and
 * outbox relay) on one database and one bus: services mode shares Postgres
 * and the JetStream stream, embedded mode one PGlite and the in-process bus.
 */
describe.each(modes)('two bookings instances on one database (%s)', (mode) => {
  let first: TestStack;
  let second: TestStack;
  let showId: string;
  let pool: string[];
  /** The seat code (what the database stores) of each seat id of the pool. */
  let codeOf: Map<string, string>;
  let won: AttemptResult[] = [];

  beforeAll(async () => {
    const env = {
      // Seat contention only: the per-user hold limit is lifted (lifecycle tests cover it).
      MAX_HOLDS_PER_USER_PER_SHOW: '100',
      HOLD_TTL_SECONDS: String(holdTtlSeconds),
      // Frequent sweeps, so that both sweepers go after the same due holds.
      SWEEP_INTERVAL_MS: '50',
      // Many users from one address and many attempts per user: not what the rate limits are for.
      RATE_LIMIT_REGISTER: 'off',
      RATE_LIMIT_LOCK_SEATS: 'off',
      RATE_LIMIT_CHECKOUT: 'off',
    };
    first = await startTestStack(mode, { seed: true, env });
    second = await startTestStack(mode, { joinOf: first, env: { SERVICES: 'bookings,gateway' } });
    const screening = await waitFor(() => findScreening(first).catch(() => null), 20_000, 200);
    showId = screening.showId;
    pool = screening.seatIds.slice(0, 100);
    codeOf = new Map(screening.seatIds.map((id, i) => [id, screening.seatCodes[i] ?? '']));
  });
  afterAll(async () => {
    await second?.dispose();
    await first?.dispose();
  });

  it(`${attemptCount} concurrent lockSeats attempts through two gateways hold each of 100 seats at most once`, async () => {
    const seed = Date.now() % 1_000_000;
    const stacks = [first, second];
    const users = await registerUsers(stacks, 50);
    const attempts = randomAttempts(randomSource(seed), attemptCount, users, pool, stacks.length);
    const started = Date.now();
    const results = await sendAttempts(stacks, showId, attempts);
    const elapsedMs = Date.now() - started;
    expect(elapsedMs, 'the run must end before any hold expires').toBeLessThan(holdTtlSeconds * 1000);

    won = results.filter((r) => r.holdId);
    const lost = results.filter((r) => !r.holdId);
    const wonSeats = won.flatMap((r) => r.seatIds);
    console.info(
      `[${mode}] seed ${seed}: ${won.length} holds won (${wonSeats.length} seats), ${lost.length} refused, in ${elapsedMs} ms`,
    );
    expect(
      lost.filter((r) => r.code !== 'SEATS_UNAVAILABLE'),
      `seed ${seed}`,
    ).toEqual([]);
    expect(new Set(wonSeats).size, `seed ${seed}`).toBe(wonSeats.length);
    expect(won.filter((r) => r.via === 0).length).toBeGreaterThan(0);
    expect(won.filter((r) => r.via === 1).length).toBeGreaterThan(0);

    const doubles = await first.query(
      'bookings',
      sql`select show_id, seat_id, count(*)::int as n from bookings.hold_seats
          where active group by show_id, seat_id having count(*) > 1`,
    );
    expect(doubles).toEqual([]);
    const active = await first.query<{ id: string }>(
      'bookings',
      sql`select id from bookings.holds where show_id = ${showId} and status = 'ACTIVE'`,
    );
    expect(active.map((h) => h.id).sort()).toEqual(won.map((r) => r.holdId).sort());
    const heldSeats = await first.query<{ seatId: string }>(
      'bookings',
      sql`select seat_id as "seatId" from bookings.hold_seats where show_id = ${showId} and active`,
    );
    expect(heldSeats.map((s) => s.seatId).sort()).toEqual(wonSeats.map((id) => codeOf.get(id)).sort());
  }, 240_000);

  it('releases each expired hold exactly once while both sweepers and new holds race for it', async () => {
    expect(won.length, 'needs the holds of the contention run').toBeGreaterThan(4);
    const converted = await checkoutSome(won.filter((r) => r.via === 0).slice(0, 2), first);
    converted.push(...(await checkoutSome(won.filter((r) => r.via === 1).slice(0, 2), second)));
    const firstWave = JSON.stringify(won.map((r) => r.holdId));
    const inFirstWave = sql`id in (select jsonb_array_elements_text(${firstWave}::jsonb)::uuid)`;
    // New attempts on the same seats meet lapsed holds, which lockSeats itself
    // releases: a third party racing the two sweepers.
    const users = await registerUsers([first, second], 4);
    let expired = false;
    const random = randomSource(7);
    const retrying = (async () => {
      const results: AttemptResult[] = [];
      while (!expired) {
        results.push(...(await sendAttempts([first, second], showId, randomAttempts(random, 8, users, pool, 2))));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return results;
    })();
    try {
      // Waiting out the TTL would take a minute and spread the expiries thin;
      // bringing them forward makes every hold due within the same second,
      // the hardest case for two sweepers claiming due holds.
      await first.query(
        'bookings',
        sql`update bookings.holds set expires_at = now() + random() * interval '1 second'
            where status = 'ACTIVE' and ${inFirstWave}`,
      );
      await waitFor(
        async () => {
          const [row] = await first.query<{ n: number }>(
            'bookings',
            sql`select count(*)::int as n from bookings.holds where status = 'ACTIVE' and ${inFirstWave}`,
          );
          return row?.n === 0;
        },
        15_000,
        100,
      );
    } finally {
      expired = true;
    }
    const retried = await retrying;
    console.info(
      `[${mode}] ${retried.filter((r) => r.holdId).length} of ${retried.length} holds won while the first wave expired`,
    );

    const holds = await first.query<{ id: string; status: string; releases: number }>(
      'bookings',
      sql`select h.id, h.status, (select count(*)::int from bookings.outbox o
            where o.type = 'SeatsReleased' and o.payload->>'holdId' = h.id::text) as releases
          from bookings.holds h where h.show_id = ${showId}`,
    );
    const byId = new Map(holds.map((h) => [h.id, h]));
    for (const { holdId } of won) {
      expect(byId.get(holdId!)?.status).toBe(converted.includes(holdId!) ? 'CONVERTED' : 'EXPIRED');
    }
    for (const hold of holds) {
      expect({ id: hold.id, status: hold.status, releases: hold.releases }).toEqual({
        id: hold.id,
        status: hold.status,
        releases: hold.status === 'EXPIRED' ? 1 : 0,
      });
    }

    expect(refusedOtherwise(retried)).toEqual([]);

    // Both relays share the outbox; between them every event goes out.
    await waitFor(async () => {
      const [row] = await first.query<{ n: number }>(
        'bookings',
        sql`select count(*)::int as n from bookings.outbox where published_at is null`,
      );
      return row?.n === 0;
    });
  }, 120_000);
});

/** Attempts that failed for another reason than taken seats, in brief. */
const refusedOtherwise = (results: AttemptResult[]) =>
  results
    .filter((r) => !r.holdId && r.code !== 'SEATS_UNAVAILABLE')
    .map((r) => ({ via: r.via, seatIds: r.seatIds, code: r.code }));

/** Checks out holds through one gateway with tok_visa; returns the hold ids that were booked. */
async function checkoutSome(results: AttemptResult[], via: TestStack): Promise<string[]> {
  const booked = await Promise.all(
    results.map(async (r) => {
      const input = { holdId: r.holdId!, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
      const result = await via.gql(CheckoutDocument, { input }, r.user.token);
      expect(result.data?.checkout.status, JSON.stringify(result.errors)).toBe('CONFIRMED');
      return r.holdId!;
    }),
  );
  return booked;
}
