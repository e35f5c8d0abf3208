import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, createScreening } from './support/builders.js';

interface Entry {
  id: string;
  status: string;
  position: number | null;
  count: number;
  offer: { id: string; status: string; seats: Array<{ code: string; status: string }> } | null;
}

const entryFields = 'id status position count offer { id status seats { code status } }';
const join = `mutation Join($input: JoinWaitlistInput!) { joinWaitlist(input: $input) { ${entryFields} } }`;

describe.each(modes)('waiting lists (%s)', (mode) => {
  let t: TestStack;
  let admin: string;
  let users: Record<'filler' | 'ada' | 'bob' | 'cyd', TestUser>;
  let showId: string;

  beforeAll(async () => {
    // Offers lapse quickly here, so that one passing on can be seen.
    t = await startTestStack(mode, { env: { WAITLIST_OFFER_SECONDS: '3', MAX_HOLDS_PER_USER_PER_SHOW: '10' } });
    admin = await t.adminToken();
    const [filler, ada, bob, cyd] = await Promise.all(['Filler', 'Ada', 'Bob', 'Cyd'].map((n) => t.register(n)));
    users = { filler: filler!, ada: ada!, bob: bob!, cyd: cyd! };
    // One row of four seats.
    showId = await createScreening(t, admin, `Sold Out ${randomBytes(4).toString('hex')}`, {
      rowNames: ['A'],
      seatsPerRow: 4,
    });
  });
  afterAll(() => t?.dispose());

  const entryOf = async (id: string, user: TestUser) =>
    (
      await t.gql<{ waitlistEntry: Entry | null }>(
        `query($id: ID!) { waitlistEntry(id: $id) { ${entryFields} } }`,
        { id },
        user.token,
      )
    ).data?.waitlistEntry ?? null;
  const until = (id: string, user: TestUser, status: string) =>
    waitFor(async () => {
      const entry = await entryOf(id, user);
      return entry?.status === status ? entry : undefined;
    }, 15_000);

  it('offers freed seats to the line in order, passes an unused offer on, and books a taken one', async () => {
    const filler = await t.gql<{ lockSeats: { id: string } }>(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      { input: { showId, seatIds: ['A1', 'A2', 'A3', 'A4'] } },
      users.filler.token,
    );
    expect(filler.errors).toBeUndefined();

    const joined: Record<string, Entry> = {};
    for (const name of ['ada', 'bob', 'cyd'] as const) {
      const result = await t.gql<{ joinWaitlist: Entry }>(join, { input: { showId, count: 2 } }, users[name].token);
      expect(result.errors).toBeUndefined();
      joined[name] = result.data!.joinWaitlist;
    }
    expect(Object.values(joined).map((e) => [e.status, e.position])).toEqual([
      ['WAITING', 1],
      ['WAITING', 2],
      ['WAITING', 3],
    ]);
    expect(codes(await t.gql(join, { input: { showId, count: 1 } }, users.ada.token))).toEqual(['BAD_USER_INPUT']);

    // Four seats come free: Ada's and Bob's turn; Cyd is next.
    await t.gql(
      'mutation($id: ID!) { releaseSeats(holdId: $id) }',
      { id: filler.data!.lockSeats.id },
      users.filler.token,
    );
    const ada = await until(joined.ada!.id, users.ada, 'OFFERED');
    const bob = await until(joined.bob!.id, users.bob, 'OFFERED');
    expect(ada.offer!.seats.map((s) => s.status)).toEqual(['HELD', 'HELD']);
    expect(new Set([...ada.offer!.seats, ...bob.offer!.seats].map((s) => s.code)).size).toBe(4);
    expect(await entryOf(joined.cyd!.id, users.cyd)).toMatchObject({ status: 'WAITING', position: 1 });

    // Ada books her offer; Bob lets his lapse, and it passes to Cyd.
    const paid = await t.gql<{ checkout: { status: string } }>(
      'mutation($input: CheckoutInput!) { checkout(input: $input) { status } }',
      { input: { holdId: ada.offer!.id, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
      users.ada.token,
    );
    expect(paid.data!.checkout.status).toBe('CONFIRMED');
    expect((await entryOf(joined.ada!.id, users.ada))!.status).toBe('BOOKED');
    await until(joined.bob!.id, users.bob, 'PASSED');
    const cyd = await until(joined.cyd!.id, users.cyd, 'OFFERED');
    expect(cyd.offer!.seats.map((s) => s.code).sort()).toEqual(bob.offer!.seats.map((s) => s.code).sort());

    // Each offer was mailed to its user once.
    const mailed = await waitFor(async () => {
      const rows = await t.query<{ user_id: string }>(
        'notifications',
        sql`select user_id from notifications.notifications where kind = 'WaitlistOffered'`,
      );
      return rows.length === 3 ? rows : undefined;
    }, 15_000);
    expect(mailed.map((r) => r.user_id).sort()).toEqual([users.ada.userId, users.bob.userId, users.cyd.userId].sort());

    // Leaving with an offer gives its seats back.
    const left = await t.gql<{ leaveWaitlist: boolean }>(
      'mutation($id: ID!) { leaveWaitlist(id: $id) }',
      { id: cyd.id },
      users.cyd.token,
    );
    expect(left.data!.leaveWaitlist).toBe(true);
    expect((await entryOf(cyd.id, users.cyd))!.status).toBe('LEFT');
    const free = await waitFor(async () => {
      const seen = await t.gql<{ show: { seatsFree: number } }>('query($id: ID!) { show(id: $id) { seatsFree } }', {
        id: showId,
      });
      return seen.data!.show.seatsFree === 2 ? true : undefined;
    });
    expect(free).toBe(true);
    // With seats free, there is no list to join: hold them.
    const again = await t.gql(join, { input: { showId, count: 2 } }, users.bob.token);
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
  });

  it('offers each freed seat once with two bookings instances, to every entry once', async () => {
    const second = await startTestStack(mode, { joinOf: t, env: { SERVICES: 'bookings,gateway' } });
    try {
      const stacks = [t, second];
      const show = await createScreening(t, admin, `Two ${randomBytes(4).toString('hex')}`, {
        rowNames: ['A'],
        seatsPerRow: 10,
      });
      const pairs = [1, 3, 5, 7, 9].map((n) => [`A${n}`, `A${n + 1}`]);
      const holds = await Promise.all(
        pairs.map(async (seatIds, i) => {
          const held = await stacks[i % 2]!.gql<{ lockSeats: { id: string } }>(
            'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
            { input: { showId: show, seatIds } },
            users.filler.token,
          );
          return held.data!.lockSeats.id;
        }),
      );
      const waiters = await Promise.all(Array.from({ length: 8 }, (_, i) => t.register(`Waiter ${i}`)));
      for (const [i, waiter] of waiters.entries()) {
        const joined = await stacks[i % 2]!.gql(join, { input: { showId: show, count: 1 } }, waiter.token);
        expect(joined.errors).toBeUndefined();
      }
      await Promise.all(
        holds.map((id, i) =>
          stacks[i % 2]!.gql('mutation($id: ID!) { releaseSeats(holdId: $id) }', { id }, users.filler.token),
        ),
      );
      const offered = await waitFor(async () => {
        const rows = await t.query<{ user_id: string; seat_id: string }>(
          'bookings',
          sql`select e.user_id, hs.seat_id from bookings.waitlist_entries e
              join bookings.hold_seats hs on hs.hold_id = e.hold_id and hs.active
              where e.show_id = ${show} and e.status = 'OFFERED'`,
        );
        return rows.length === 8 ? rows : undefined;
      }, 20_000);
      expect(new Set(offered.map((r) => r.user_id)).size).toBe(8);
      expect(new Set(offered.map((r) => r.seat_id)).size).toBe(8);
      const [events] = await t.query<{ n: number }>(
        'bookings',
        sql`select count(*)::int as n from bookings.outbox where type = 'WaitlistOffered' and payload->>'showId' = ${show}`,
      );
      expect(events!.n).toBe(8);
      const seen = await t.gql<{ show: { seatsFree: number } }>('query($id: ID!) { show(id: $id) { seatsFree } }', {
        id: show,
      });
      expect(seen.data!.show.seatsFree).toBe(2);
    } finally {
      await second.dispose();
    }
  });

  it('shows each user their own places only, and the whole line to admins', async () => {
    const mine = await t.gql<{ me: { waitlist: Entry[] } }>(
      `{ me { waitlist { ${entryFields} } } }`,
      {},
      users.ada.token,
    );
    expect(mine.data!.me.waitlist.map((e) => e.status)).toEqual(['BOOKED']);
    const adas = mine.data!.me.waitlist[0]!.id;
    expect(await entryOf(adas, users.bob)).toBeNull();
    expect(codes(await t.gql('mutation($id: ID!) { leaveWaitlist(id: $id) }', { id: adas }, users.bob.token))).toEqual([
      'FORBIDDEN',
    ]);
    const line = `query($id: ID!) { show(id: $id) { waitlist { status } } }`;
    expect(codes(await t.gql(line, { id: showId }, users.ada.token))).toEqual(['FORBIDDEN']);
    expect((await t.gql<{ show: { waitlist: unknown[] } }>(line, { id: showId }, admin)).data!.show.waitlist).toEqual(
      [],
    );
  });

  it.each([
    ['no seats', { count: 0 }, 'BAD_USER_INPUT'],
    ['stops at a screening', { count: 1, fromStop: 0, toStop: 1 }, 'BAD_USER_INPUT'],
    ['an unknown show', { count: 1, showId: randomUUID() }, 'NOT_FOUND'],
    ['an id that is not one', { count: 1, showId: 'show-1' }, 'BAD_USER_INPUT'],
  ])('refuses %s', async (_, input, code) => {
    const result = await t.gql(join, { input: { showId, ...input } }, users.cyd.token);
    expect(codes(result)).toEqual([code]);
  });

  it('refuses a caller who is not signed in', async () => {
    expect(codes(await t.gql(join, { input: { showId, count: 1 } }))).toEqual(['UNAUTHENTICATED']);
  });
});
