import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, startTestStack, waitFor, type GqlResult, type TestStack, type TestUser } from './support/harness.js';
import { codes, createScreening, findScreening, findTrip } from './support/builders.js';

interface BestSeats {
  lockBestSeats: {
    together: boolean;
    relaxed: string[];
    hold: {
      id: string;
      status: string;
      fromStop: number | null;
      seats: Array<{ code: string; status: string; x: number; y: number; row: string; category: string }>;
    };
  };
}

const lockBest = `mutation LockBest($input: LockBestSeatsInput!) {
  lockBestSeats(input: $input) {
    together
    relaxed
    hold { id status fromStop seats { code status x y row category } }
  }
}`;

describe.each(modes)('best available seats through the gateway (%s)', (mode) => {
  let t: TestStack;
  let admin: string;
  let buyer: TestUser;
  /** Buyers for the rushes (registering is rate-limited per address, so they are shared). */
  let users: TestUser[];
  const tag = randomBytes(4).toString('hex');

  beforeAll(async () => {
    // Many holds per user in the rush below; the limit itself is covered elsewhere.
    t = await startTestStack(mode, { seed: true, env: { MAX_HOLDS_PER_USER_PER_SHOW: '100' } });
    admin = await t.adminToken();
    buyer = await t.register('Best');
    users = await Promise.all(Array.from({ length: 20 }, (_, i) => t.register(`Rush ${i}`)));
  });
  afterAll(() => t?.dispose());

  /** Sends lockBestSeats as the buyer, as another user, or (null) signed out. */
  const best = (input: Record<string, unknown>, token: string | null = buyer.token) =>
    t.gql<BestSeats>(lockBest, { input }, token ?? undefined);

  let screenings = 0;
  /** A new screening: seven rows A-G of ten seats, an aisle after seat 4, the back row PREMIUM. */
  const newScreening = () => createScreening(t, admin, `Best ${tag} ${++screenings}`);

  const seatCodes = (result: GqlResult<BestSeats>) => result.data!.lockBestSeats.hold.seats.map((s) => s.code);

  it('holds the best seats side by side, then the next best, and keeps to a category', async () => {
    const showId = await newScreening();
    const first = await best({ showId, count: 4 });
    expect(first.errors).toBeUndefined();
    // A third of the way back is row C. Its middle is across the aisle after seat 4, where C5-C8 is
    // nearest it and strands no single seat (C6-C9 would strand C5 and C10).
    expect(first.data!.lockBestSeats).toMatchObject({ together: true, relaxed: [] });
    expect(seatCodes(first)).toEqual(['C5', 'C6', 'C7', 'C8']);
    expect(first.data!.lockBestSeats.hold.seats.every((s) => s.status === 'HELD')).toBe(true);

    // Then the same block a row nearer (B and D tie; the front one wins), not C1-C4 further out.
    const second = await best({ showId, count: 4 }, users[0]!.token);
    expect(seatCodes(second)).toEqual(['B5', 'B6', 'B7', 'B8']);

    const premium = await best({ showId, count: 2, category: 'PREMIUM' });
    expect(premium.data!.lockBestSeats.hold.seats.map((s) => [s.row, s.category])).toEqual([
      ['G', 'PREMIUM'],
      ['G', 'PREMIUM'],
    ]);

    const map = await t.gql<{ show: { seatMap: { seats: Array<{ code: string; status: string }> } } }>(
      'query($id: ID!) { show(id: $id) { seatMap { seats { code status } } } }',
      { id: showId },
    );
    const held = map.data!.show.seatMap.seats.filter((s) => s.status === 'HELD').map((s) => s.code);
    expect(held.sort()).toEqual([...seatCodes(first), ...seatCodes(second), ...seatCodes(premium)].sort());
  });

  it('200 concurrent requests on one show never take a seat twice and all finish', async () => {
    const showId = await newScreening();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => best({ showId, count: 2 }, users[i % users.length]!.token)),
    );
    const won = results.filter((r) => r.data?.lockBestSeats);
    const lost = results.filter((r) => r.errors);
    expect(won.length + lost.length).toBe(200);
    expect(new Set(lost.flatMap((r) => codes(r)))).toEqual(
      lost.length > 0 ? new Set(['SEATS_UNAVAILABLE']) : new Set(),
    );
    const seats = won.flatMap((r) => seatCodes(r));
    expect(new Set(seats).size).toBe(seats.length);
    // As long as two seats were free a request got them: all 70 seats went, in 35 pairs.
    expect(won.length).toBe(35);

    const doubles = await t.query(
      'bookings',
      sql`select seat_id from bookings.hold_seats where show_id = ${showId} and active
          group by seat_id having count(*) > 1`,
    );
    expect(doubles).toEqual([]);
  });

  it('shares a show with holds of named seats racing it, and neither takes a seat twice', async () => {
    const showId = await newScreening();
    const rows = ['A', 'B', 'C', 'D', 'E', 'F'];
    const named = Array.from({ length: 40 }, (_, i) => {
      const row = rows[i % rows.length]!;
      const from = 1 + (i % 9);
      return { showId, seatIds: [`${row}${from}`, `${row}${from + 1}`] };
    });
    const sent = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) => best({ showId, count: 2 }, users[i % users.length]!.token)),
      ...named.map((input, i) =>
        t.gql<{ lockSeats: { seats: Array<{ code: string }> } }>(
          'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { seats { code } } }',
          { input },
          users[i % users.length]!.token,
        ),
      ),
    ]);
    expect(new Set(sent.flatMap((r) => codes(r)))).toEqual(
      new Set(sent.some((r) => r.errors) ? ['SEATS_UNAVAILABLE'] : []),
    );
    const seats = sent.flatMap((r) => {
      const data = r.data as Partial<BestSeats & { lockSeats: { seats: Array<{ code: string }> } }> | undefined;
      return (data?.lockBestSeats?.hold.seats ?? data?.lockSeats?.seats ?? []).map((s) => s.code);
    });
    expect(new Set(seats).size).toBe(seats.length);
    const [{ n }] = (await t.query<{ n: number }>(
      'bookings',
      sql`select count(*)::int as n from bookings.hold_seats where show_id = ${showId} and active`,
    )) as [{ n: number }];
    expect(n).toBe(seats.length);
  });

  it('seats two travellers side by side in one coach for the legs asked', async () => {
    const trip = await waitFor(() => findTrip(t).catch(() => null), 20_000, 200);
    const result = await best({ showId: trip.showId, count: 2, fromStop: 0, toStop: 1, position: 'WINDOW' });
    expect(result.errors).toBeUndefined();
    const [a, b] = result.data!.lockBestSeats.hold.seats;
    expect(result.data!.lockBestSeats.hold.fromStop).toBe(0);
    expect(a!.row).toBe(b!.row);
    expect(a!.x).toBe(b!.x);
    expect(Math.abs(a!.y - b!.y)).toBe(1);
  });

  it.each([
    ['no seats', { count: 0 }, 'BAD_USER_INPUT', 'input.count'],
    ['more seats than a hold may have', { count: 11 }, 'BAD_USER_INPUT', 'input.count'],
    ['a category the show does not have', { count: 2, category: 'BALCONY' }, 'BAD_USER_INPUT', 'input.category'],
    ['a position at a screening', { count: 1, position: 'WINDOW' }, 'BAD_USER_INPUT', 'input.position'],
    ['a point far outside the layout', { count: 1, near: { x: 1e9, y: 0 } }, 'BAD_USER_INPUT', 'input.near'],
    ['stops at a screening', { count: 1, fromStop: 0, toStop: 1 }, 'BAD_USER_INPUT', 'input.fromStop'],
  ])('refuses %s and changes nothing', async (_, extra, code, field) => {
    const screening = await findScreening(t);
    const before = await t.query<{ n: number }>('bookings', sql`select count(*)::int as n from bookings.holds`);
    const result = await best({ showId: screening.showId, ...extra });
    expect(codes(result)).toEqual([code]);
    expect(result.errors![0]!.extensions?.field).toBe(field);
    expect(await t.query('bookings', sql`select count(*)::int as n from bookings.holds`)).toEqual(before);
  });

  it('refuses a caller who is not signed in, and an unknown show', async () => {
    const screening = await findScreening(t);
    expect(codes(await best({ showId: screening.showId, count: 1 }, null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await best({ showId: '00000000-0000-4000-8000-000000000000', count: 1 }))).toEqual(['NOT_FOUND']);
    expect(codes(await best({ showId: 'not-an-id', count: 1 }))).toEqual(['BAD_USER_INPUT']);
  });
});
