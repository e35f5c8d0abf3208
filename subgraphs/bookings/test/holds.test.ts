import { randomUUID } from 'node:crypto';
import { sql } from '@seats/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, expectCode, holdSeats, modes, waitFor, type SeededShow } from '@seats/testkit';
import {
  hold,
  releaseSeats,
  seatMapOf,
  showSeats,
  startBookings,
  startShow,
  statuses,
  type BookingsHarness,
} from './support/bookings.js';

describe.each(modes)('holding seats of a screening (%s)', (mode) => {
  let bookings: BookingsHarness;
  let show: SeededShow;

  beforeAll(async () => {
    bookings = await startBookings(mode);
  });
  afterAll(() => bookings?.dispose());

  beforeAll(async () => {
    show = await startShow(bookings);
  });

  it('sells the seats the catalog announced, at the schedule prices', async () => {
    const { seatMap, seatsFree } = await showSeats(bookings, show.showId);
    expect(seatsFree).toBe(8);
    expect(seatMap.id).toBe(show.showId);
    expect(seatMap.seats.map((s) => [s.id, s.code, s.status, s.price.amount])).toEqual([
      [`${show.showId}:A1`, 'A1', 'AVAILABLE', 1000],
      [`${show.showId}:A2`, 'A2', 'AVAILABLE', 1000],
      [`${show.showId}:A3`, 'A3', 'AVAILABLE', 1000],
      [`${show.showId}:A4`, 'A4', 'AVAILABLE', 1000],
      [`${show.showId}:B1`, 'B1', 'AVAILABLE', 1500],
      [`${show.showId}:B2`, 'B2', 'AVAILABLE', 1500],
      [`${show.showId}:B3`, 'B3', 'AVAILABLE', 1500],
      [`${show.showId}:B4`, 'B4', 'AVAILABLE', 1500],
    ]);
  });

  it('holds all the seats or none, and records SeatsHeld with the next version', async () => {
    const held = await bookings.record('SeatsHeld');
    const before = await seatMapOf(bookings, show.showId);
    const ada = createUser();
    const first = await holdSeats(bookings.gql, ada, { showId: show.showId, seatIds: ['A1', `${show.showId}:A2`] });
    expect(first.status).toBe('ACTIVE');
    expect(first.seats.map((s) => s.code)).toEqual(['A1', 'A2']);

    // A2 is taken: nothing of the second request is held, and the error names the seat as it was sent.
    await expectCode(
      holdSeats(bookings.gql, createUser(), { showId: show.showId, seatIds: ['A3', 'A2'] }),
      'SEATS_UNAVAILABLE',
    );
    const after = await seatMapOf(bookings, show.showId);
    expect(statuses(after)).toMatchObject({ A1: 'HELD', A2: 'HELD', A3: 'AVAILABLE' });

    const event = await waitFor(() => held.find((e) => e.payload.holdId === first.id));
    expect(event.payload).toMatchObject({ showId: show.showId, userId: ada.userId, seatIds: ['A1', 'A2'] });
    expect(event.payload.version).toBe(before.version + 1);
    expect(after.version).toBe(before.version + 1);
  });

  it('names the taken seats as the client named them', async () => {
    const taken = `${show.showId}:A1`;
    const result = await bookings.gql(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      { input: { showId: show.showId, seatIds: [taken, 'B4'] } },
      createUser(),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SEATS_UNAVAILABLE', seatIds: [taken] });
    expect(statuses(await seatMapOf(bookings, show.showId)).B4).toBe('AVAILABLE');
  });

  it('releases a hold for its owner only, and frees the seats (SeatsReleased)', async () => {
    const released = await bookings.record('SeatsReleased');
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['B1'] });

    const stranger = await bookings.gql(releaseSeats, { holdId: taken.id }, createUser());
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await bookings.gql(hold, { id: taken.id }, createUser())).data?.hold).toBeNull();

    expect((await bookings.gql(releaseSeats, { holdId: taken.id }, owner)).data?.releaseSeats).toBe(true);
    expect((await bookings.gql(releaseSeats, { holdId: taken.id }, owner)).data?.releaseSeats).toBe(false);
    const event = await waitFor(() => released.find((e) => e.payload.holdId === taken.id));
    expect(event.payload).toMatchObject({ reason: 'RELEASED', seatIds: ['B1'] });
    expect((await bookings.gql(hold, { id: taken.id }, owner)).data?.hold).toMatchObject({
      status: 'RELEASED',
      seats: [{ code: 'B1', status: 'AVAILABLE' }],
    });
    expect(statuses(await seatMapOf(bookings, show.showId)).B1).toBe('AVAILABLE');
  });

  it('refuses bad input with the field named, and holds nothing', async () => {
    const user = createUser();
    const lock = (input: Record<string, unknown>) =>
      bookings.gql('mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }', { input }, user);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ showId: 'not-an-id', seatIds: ['B2'] }, 'BAD_USER_INPUT', 'input.showId'],
      [{ showId: show.showId, seatIds: [] }, 'BAD_USER_INPUT', 'input.seatIds'],
      [{ showId: show.showId, seatIds: ['B2', 'B2'] }, 'BAD_USER_INPUT', 'input.seatIds'],
      [{ showId: show.showId, seatIds: ['Z9'] }, 'BAD_USER_INPUT', 'input.seatIds'],
      [{ showId: show.showId, seatIds: ['B2;drop'] }, 'BAD_USER_INPUT', 'input.seatIds'],
      [{ showId: show.showId, seatIds: ['B2'], fromStop: 0 }, 'BAD_USER_INPUT', 'input.fromStop'],
      [
        { showId: show.showId, seatIds: Array.from({ length: 11 }, (_, i) => `A${i + 1}`) },
        'BAD_USER_INPUT',
        'input.seatIds',
      ],
    ];
    for (const [input, code, field] of cases) {
      const result = await lock(input);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code, field });
    }
    const other = await lock({ showId: '0d6f5d8e-4b1a-4a51-9c55-6a0c4b7f2a10', seatIds: ['B2'] });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = await bookings.gql(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      { input: { showId: show.showId, seatIds: ['B2'] } },
      null,
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(statuses(await seatMapOf(bookings, show.showId)).B2).toBe('AVAILABLE');
  });

  it('limits a user to three active holds per show', async () => {
    const user = createUser();
    for (const seat of ['B2', 'B3', 'B4'])
      await holdSeats(bookings.gql, user, { showId: show.showId, seatIds: [seat] });
    await expectCode(
      holdSeats(bookings.gql, user, { showId: show.showId, seatIds: ['A4'] }),
      'BAD_USER_INPUT',
      'input.showId',
    );
    expect(statuses(await seatMapOf(bookings, show.showId)).A4).toBe('AVAILABLE');
  });
});

describe.each(modes)('holds racing for the same seats (%s)', (mode) => {
  let bookings: BookingsHarness;

  beforeAll(async () => {
    bookings = await startBookings(mode);
  });
  afterAll(() => bookings?.dispose());

  it('never holds a seat twice, and refuses the losers with SEATS_UNAVAILABLE', async () => {
    const show = await startShow(bookings);
    // Forty users, each after two neighbouring seats of the same eight.
    const pairs = Array.from({ length: 40 }, (_, i) => {
      const seat = show.seatIds[i % 7]!;
      const next = show.seatIds[(i % 7) + 1]!;
      return [seat, next];
    });
    const outcomes = await Promise.allSettled(
      pairs.map((seatIds) => holdSeats(bookings.gql, createUser(), { showId: show.showId, seatIds })),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value);
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won.length).toBeGreaterThan(0);
    for (const refusal of lost) expect(refusal.reason).toMatchObject({ extensions: { code: 'SEATS_UNAVAILABLE' } });
    const heldSeats = won.flatMap((h) => h.seats.map((s) => s.code));
    expect(new Set(heldSeats).size).toBe(heldSeats.length);
    const map = await seatMapOf(bookings, show.showId);
    expect(
      map.seats
        .filter((s) => s.status === 'HELD')
        .map((s) => s.code)
        .sort(),
    ).toEqual([...heldSeats].sort());
  });
});

describe.each(modes)("one user's parallel holds (%s)", (mode) => {
  let bookings: BookingsHarness;

  beforeAll(async () => {
    bookings = await startBookings(mode);
  });
  afterAll(() => bookings?.dispose());

  it('keeps the per-user limit under 100 parallel requests of one user for distinct seats', async () => {
    // A screen of 100 seats, so that no request loses on a seat.
    const screenId = randomUUID();
    const showId = randomUUID();
    const seats = Array.from({ length: 100 }, (_, i) => {
      const row = String.fromCharCode(65 + Math.floor(i / 10));
      const number = (i % 10) + 1;
      return {
        seatId: `${row}${number}`,
        label: `${row}${number}`,
        row,
        number,
        category: 'STANDARD',
        x: number,
        y: i,
      };
    });
    await bookings.publish('ScreenUpserted', { screenId, venueId: randomUUID(), name: 'Big screen', seats });
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const prices = [{ category: 'STANDARD', amount: 900, currency: 'EUR' }];
    await bookings.publish('ShowScheduled', {
      showId,
      kind: 'SCREENING',
      layoutId: screenId,
      startsAt,
      legCount: 1,
      prices,
    });
    await waitFor(async () => (await seatMapOf(bookings, showId)).seats.length === 100);

    const user = createUser();
    const outcomes = await Promise.allSettled(
      seats.map((seat) => holdSeats(bookings.gql, user, { showId, seatIds: [seat.seatId] })),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(bookings.config.maxHoldsPerUserPerShow);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.showId' } });
      }
    }
    const map = await seatMapOf(bookings, showId);
    expect(map.seats.filter((s) => s.status === 'HELD')).toHaveLength(bookings.config.maxHoldsPerUserPerShow);
  });
});

describe.each(modes)('holds that run out (%s)', (mode) => {
  let bookings: BookingsHarness;

  beforeAll(async () => {
    bookings = await startBookings(mode, { HOLD_TTL_SECONDS: '1' });
  });
  afterAll(() => bookings?.dispose());

  it('expires a hold when its time is up and frees its seats (SeatsReleased EXPIRED)', async () => {
    const show = await startShow(bookings);
    const released = await bookings.record('SeatsReleased');
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['A1', 'A2'] });
    const event = await waitFor(() => released.find((e) => e.payload.holdId === taken.id));
    expect(event.payload).toMatchObject({ reason: 'EXPIRED', seatIds: ['A1', 'A2'] });
    expect((await bookings.gql(hold, { id: taken.id }, owner)).data?.hold?.status).toBe('EXPIRED');
    const map = await seatMapOf(bookings, show.showId);
    expect(statuses(map)).toMatchObject({ A1: 'AVAILABLE', A2: 'AVAILABLE' });
    // Someone else can hold them now.
    await holdSeats(bookings.gql, createUser(), { showId: show.showId, seatIds: ['A1'] });
  });
});

describe.each(modes)('holding seats whose last hold lapsed before the sweeper came (%s)', (mode) => {
  let bookings: BookingsHarness;

  beforeAll(async () => {
    // The sweeper never comes during this suite: lockSeats meets the lapsed hold itself.
    bookings = await startBookings(mode, { SWEEP_INTERVAL_MS: '60000' });
  });
  afterAll(() => bookings?.dispose());

  it('expires the lapsed hold under the seats’ locks, then holds them, in version order', async () => {
    const show = await startShow(bookings);
    const events = await bookings.record('SeatsReleased', 'SeatsHeld');
    const owner = createUser();
    const lapsed = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['A1', 'A2'] });
    await bookings.query(
      sql`update bookings.holds set expires_at = now() - interval '1 second' where id = ${lapsed.id}`,
    );

    const next = await holdSeats(bookings.gql, createUser(), { showId: show.showId, seatIds: ['A2', 'A3'] });
    expect((await bookings.gql(hold, { id: lapsed.id }, owner)).data?.hold?.status).toBe('EXPIRED');
    expect(statuses(await seatMapOf(bookings, show.showId))).toMatchObject({
      A1: 'AVAILABLE',
      A2: 'HELD',
      A3: 'HELD',
    });
    await waitFor(() => events.length >= 3 || undefined);
    const [heldFirst, released, heldNext] = events;
    expect(heldFirst).toMatchObject({ type: 'SeatsHeld', payload: { holdId: lapsed.id } });
    expect(released).toMatchObject({ type: 'SeatsReleased', payload: { holdId: lapsed.id, reason: 'EXPIRED' } });
    expect(heldNext).toMatchObject({ type: 'SeatsHeld', payload: { holdId: next.id, seatIds: ['A2', 'A3'] } });
    expect(released!.payload.version).toBe(heldFirst!.payload.version + 1);
    expect(heldNext!.payload.version).toBe(released!.payload.version + 1);
  });
});

// Two connections are needed: one cancels the show and keeps its transaction
// open while the hold, on another, passes its checks and waits at the show's row.
describe.each(modes.filter((mode) => mode === 'services'))('a hold racing the show’s cancellation (%s)', (mode) => {
  let bookings: BookingsHarness;

  beforeAll(async () => {
    bookings = await startBookings(mode);
  });
  afterAll(() => bookings?.dispose());

  it('refuses the hold and writes nothing when the cancellation commits first', async () => {
    const show = await startShow(bookings);
    let attempt: Promise<unknown> = Promise.resolve();
    await bookings.db.transaction(async (tx) => {
      await tx.execute(sql`update bookings.shows set status = 'CANCELLED' where show_id = ${show.showId}`);
      attempt = holdSeats(bookings.gql, createUser(), { showId: show.showId, seatIds: ['A1'] });
      // The cancellation commits once the hold waits for the show's row.
      await waitFor(async () => {
        const [waiting] = await bookings.query<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity
              where wait_event_type = 'Lock' and query like '%place_hold%'`,
        );
        return (waiting?.n ?? 0) > 0 || undefined;
      });
    });
    await expectCode(attempt, 'BAD_USER_INPUT', 'input.showId');
    const rows = await bookings.query<{ n: number }>(
      sql`select count(*)::int as n from bookings.holds where show_id = ${show.showId}`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
