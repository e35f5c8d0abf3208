import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack } from './support/harness.js';
import { codes, findScreening } from './support/builders.js';
import { LockSeatsDocument } from './support/documents.js';

describe.each(modes)('concurrent holds (%s)', (mode) => {
  let t: TestStack;

  beforeAll(async () => {
    // Seat contention only: the per-user hold limit is lifted here (lifecycle tests cover it).
    t = await startTestStack(mode, { seed: true, env: { MAX_HOLDS_PER_USER_PER_SHOW: '100' } });
  });
  afterAll(() => t?.dispose());

  it('200 concurrent lockSeats calls on overlapping seats never hold a seat twice', async () => {
    const screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
    const pool = screening.seatIds.slice(30, 42);
    const users = await Promise.all(Array.from({ length: 20 }, (_, i) => t.register(`Buyer ${i}`)));
    const attempts = Array.from({ length: 200 }, (_, i) => {
      const start = i % pool.length;
      const seatIds = [pool[start]!, pool[(start + 1) % pool.length]!, pool[(start + 5) % pool.length]!];
      return { user: users[i % users.length]!, seatIds };
    });
    const results = await Promise.all(
      attempts.map((a) =>
        t.gql(LockSeatsDocument, { input: { showId: screening.showId, seatIds: a.seatIds } }, a.user.token),
      ),
    );

    const won = results.filter((r) => r.data?.lockSeats);
    const lost = results.filter((r) => r.errors);
    expect(won.length + lost.length).toBe(200);
    expect(lost.every((r) => codes(r)[0] === 'SEATS_UNAVAILABLE')).toBe(true);
    expect(won.length).toBeGreaterThan(0);
    const wonSeats = won.flatMap((r) => r.data!.lockSeats.seats.map((s) => s.id));
    expect(new Set(wonSeats).size).toBe(wonSeats.length);

    const doubles = await t.query(
      'bookings',
      sql`
      select seat_id, count(*)::int as n from bookings.hold_seats
      where show_id = ${screening.showId} and active group by seat_id having count(*) > 1`,
    );
    expect(doubles).toEqual([]);
    const active = await t.query<{ n: number }>(
      'bookings',
      sql`
      select count(*)::int as n from bookings.holds where show_id = ${screening.showId} and status = 'ACTIVE'`,
    );
    expect(active[0]!.n).toBe(won.length);
  });

  it('the database itself refuses a second active hold of a seat', async () => {
    const screening = await findScreening(t);
    const seat = screening.seatCodes[100]!;
    const insert = (holdId: string) => sql`
      insert into bookings.hold_seats (hold_id, show_id, seat_id, legs)
      values (${holdId}, ${screening.showId}, ${seat}, int4range(0, 1))`;
    await t.query('bookings', insert('00000000-0000-4000-8000-000000000001'));
    await expect(t.query('bookings', insert('00000000-0000-4000-8000-000000000002'))).rejects.toThrow();
    await t.query(
      'bookings',
      sql`delete from bookings.hold_seats where hold_id = '00000000-0000-4000-8000-000000000001'`,
    );
  });
});
