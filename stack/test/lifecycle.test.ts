import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { checkoutRequestHash } from '@seats/bookings';
import { requestSubjects, sql, type ChargeReply } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, findScreening } from './support/builders.js';
import { graphql } from './generated/index.js';
import { BookingDocument, CheckoutDocument, LockSeatsDocument, MoviesDocument } from './support/documents.js';

const ColdLockDocument = graphql(`
  mutation ColdLock($input: LockSeatsInput!) {
    lockSeats(input: $input) {
      id
    }
  }
`);

const ColdCheckoutDocument = graphql(`
  mutation ColdCheckout($input: CheckoutInput!) {
    checkout(input: $input) {
      status
    }
  }
`);

describe.each(modes)('the booking lifecycle (%s)', (mode) => {
  let t: TestStack;
  let showId: string;
  let seatIds: string[];
  let next = 60;
  const freshSeats = (n: number) => seatIds.slice(next, (next += n));

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    ({ showId, seatIds } = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200));
  });
  afterAll(() => t?.dispose());

  const hold = async (token: string, seats: string[]) => {
    const result = await t.gql(LockSeatsDocument, { input: { showId, seatIds: seats } }, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.lockSeats.id;
  };

  it('limits active holds per user and show, also under concurrent requests', async () => {
    const user = await t.register();
    const seats = freshSeats(5);
    const results = await Promise.all(
      seats.map((seat) => t.gql(LockSeatsDocument, { input: { showId, seatIds: [seat] } }, user.token)),
    );
    expect(results.filter((r) => r.data?.lockSeats)).toHaveLength(3);
    const refused = results.filter((r) => r.errors);
    expect(refused).toHaveLength(2);
    expect(refused.every((r) => r.errors![0]!.extensions!.code === 'BAD_USER_INPUT')).toBe(true);
    expect(refused.every((r) => r.errors![0]!.extensions!.field === 'input.showId')).toBe(true);
  });

  it('makes one booking from concurrent checkouts with one idempotency key', async () => {
    const user = await t.register();
    const holdId = await hold(user.token, freshSeats(2));
    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
    const results = await Promise.all(Array.from({ length: 8 }, () => t.gql(CheckoutDocument, { input }, user.token)));
    const ids = new Set(results.map((r) => r.data?.checkout.id));
    expect(results.every((r) => r.data?.checkout.status === 'CONFIRMED')).toBe(true);
    expect(ids.size).toBe(1);
    const [row] = await t.query<{ n: number }>(
      'bookings',
      sql`select count(*)::int as n from bookings.bookings where hold_id = ${holdId}`,
    );
    expect(row!.n).toBe(1);
    const [payments] = await t.query<{ n: number }>(
      'payments',
      sql`select count(*)::int as n from payments.payment_intents where booking_id = ${[...ids][0]!}`,
    );
    expect(payments!.n).toBe(1);
  });

  it('refuses the same key with another request, and repeats a decline as a decline', async () => {
    const user = await t.register();
    const first = await hold(user.token, freshSeats(1));
    const second = await hold(user.token, freshSeats(1));
    const key = randomUUID();
    const declined = await t.gql(
      CheckoutDocument,
      { input: { holdId: first, paymentMethod: { token: 'tok_chargeDeclined' }, idempotencyKey: key } },
      user.token,
    );
    expect(codes(declined)).toEqual(['PAYMENT_DECLINED']);
    const again = await t.gql(
      CheckoutDocument,
      { input: { holdId: first, paymentMethod: { token: 'tok_chargeDeclined' }, idempotencyKey: key } },
      user.token,
    );
    expect(codes(again)).toEqual(['PAYMENT_DECLINED']);
    const conflict = await t.gql(
      CheckoutDocument,
      { input: { holdId: second, paymentMethod: { token: 'tok_visa' }, idempotencyKey: key } },
      user.token,
    );
    expect(codes(conflict)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it('finishes a checkout whose process died after claiming its key, when the request comes again', async () => {
    const user = await t.register();
    const holdId = await hold(user.token, freshSeats(2));
    const key = randomUUID();
    // What the first request's process wrote before it died: the claimed key and the pending booking.
    await t.query(
      'bookings',
      sql`select * from bookings.open_checkout(${user.userId}::uuid, ${key}, ${checkoutRequestHash(holdId, 'tok_visa')},
            ${holdId}::uuid, gen_random_uuid())`,
    );
    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: key };
    const early = await t.gql(CheckoutDocument, { input }, user.token);
    // While its lease runs the claim is the first process's: a repeat waits for it, then says so.
    expect(early.errors?.[0]?.message).toBe('The first request with this key is still running');
    await t.query(
      'bookings',
      sql`update bookings.checkouts set leased_until = now() - interval '1 second' where idempotency_key = ${key}`,
    );
    const [first, second] = await Promise.all([
      t.gql(CheckoutDocument, { input }, user.token),
      t.gql(CheckoutDocument, { input }, user.token),
    ]);
    expect(first.data?.checkout.status).toBe('CONFIRMED');
    expect(second.data?.checkout).toEqual(first.data?.checkout);
    const bookingId = first.data!.checkout.id;
    const [payments] = await t.query<{ n: number }>(
      'payments',
      sql`select count(*)::int as n from payments.payment_intents where booking_id = ${bookingId}`,
    );
    expect(payments!.n).toBe(1);
    expect((await t.gql(CheckoutDocument, { input }, user.token)).data?.checkout.id).toBe(bookingId);
  });

  /** What a checkout writes first: its claimed key and its pending booking (a tok_visa request). */
  const claimKey = async (user: TestUser, holdId: string, key: string) => {
    const bookingId = randomUUID();
    await t.query(
      'bookings',
      sql`select * from bookings.open_checkout(${user.userId}::uuid, ${key}, ${checkoutRequestHash(holdId, 'tok_visa')},
            ${holdId}::uuid, ${bookingId}::uuid)`,
    );
    return bookingId;
  };
  /**
   * What a checkout whose charge never answered leaves (the charge timed
   * out, and the checkout kept its booking pending): the claimed key,
   * settled BOOKED with the pending booking, opened a minute ago.
   */
  const unansweredCheckout = async (user: TestUser, holdId: string, key: string) => {
    const bookingId = await claimKey(user, holdId, key);
    await t.query(
      'bookings',
      sql`update bookings.checkouts set outcome = 'BOOKED', leased_until = now() - interval '1 second'
          where idempotency_key = ${key}`,
    );
    await t.query(
      'bookings',
      sql`update bookings.bookings set created_at = now() - interval '1 minute' where id = ${bookingId}`,
    );
    return bookingId;
  };
  const chargeUnder = async (user: TestUser, key: string) =>
    (
      await t.query<{ status: string; failure_reason: string | null; id: string }>(
        'payments',
        sql`select id, status, failure_reason from payments.payment_intents
            where idempotency_key = ${`${user.userId}:${key}`}`,
      )
    )[0];

  it('settles a checkout whose charge never reached payments: nothing is charged, then or later', async () => {
    const user = await t.register();
    const holdId = await hold(user.token, freshSeats(2));
    const key = randomUUID();
    const bookingId = await unansweredCheckout(user, holdId, key);

    // Payments is asked, has no charge under the key, and records that none will be made.
    await waitFor(async () => (await chargeUnder(user, key))?.status === 'FAILED', 20_000, 200);
    expect(await chargeUnder(user, key)).toMatchObject({ failure_reason: 'not_charged' });
    await waitFor(
      async () =>
        (await t.query('bookings', sql`select id from bookings.bookings where id = ${bookingId}`)).length === 0,
      10_000,
      100,
    );
    // The seats stay held for the user; the key answers what happened to it.
    const [held] = await t.query<{ status: string }>(
      'bookings',
      sql`select status from bookings.holds where id = ${holdId}`,
    );
    expect(held!.status).toBe('ACTIVE');
    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: key };
    expect(codes(await t.gql(CheckoutDocument, { input }, user.token))).toEqual(['PAYMENT_DECLINED']);

    // The lost charge request arriving now charges nothing.
    const late = await t.stack.bus.request<ChargeReply>(
      requestSubjects.charge,
      {
        idempotencyKey: `${user.userId}:${key}`,
        requestHash: checkoutRequestHash(holdId, 'tok_visa'),
        bookingId,
        userId: user.userId,
        amount: { amount: 1000, currency: 'EUR' },
        token: 'tok_visa',
      },
      5_000,
    );
    expect(late).toMatchObject({ ok: true, status: 'FAILED', reason: 'not_charged' });
    const [charged] = await t.query<{ n: number }>(
      'payments',
      sql`select count(*)::int as n from payments.payment_intents where user_id = ${user.userId} and status <> 'FAILED'`,
    );
    expect(charged!.n).toBe(0);

    // A new attempt with a new key books the seats.
    const retry = await t.gql(CheckoutDocument, { input: { ...input, idempotencyKey: randomUUID() } }, user.token);
    expect(retry.data?.checkout.status).toBe('CONFIRMED');
  });

  it('confirms a checkout whose charge succeeded although its answer and event were lost', async () => {
    const user = await t.register();
    const holdId = await hold(user.token, freshSeats(1));
    const key = randomUUID();
    const bookingId = await unansweredCheckout(user, holdId, key);
    // The charge went through at the provider, but neither its reply nor PaymentSucceeded reached bookings.
    const paymentId = randomUUID();
    await t.query(
      'payments',
      sql`insert into payments.payment_intents
            (id, idempotency_key, request_hash, booking_id, user_id, amount, currency, token, status)
          values (${paymentId}, ${`${user.userId}:${key}`}, ${checkoutRequestHash(holdId, 'tok_visa')},
            ${bookingId}, ${user.userId}, 1000, 'EUR', 'tok_visa', 'SUCCEEDED')`,
    );
    const confirmed = await waitFor(
      async () => {
        const [row] = await t.query<{ status: string; payment_id: string | null }>(
          'bookings',
          sql`select status, payment_id from bookings.bookings where id = ${bookingId}`,
        );
        return row?.status === 'CONFIRMED' ? row : null;
      },
      20_000,
      200,
    );
    expect(confirmed.payment_id).toBe(paymentId);
    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: key };
    const replay = await t.gql(CheckoutDocument, { input }, user.token);
    expect(replay.data?.checkout).toMatchObject({ id: bookingId, status: 'CONFIRMED' });
  });

  it('answers from the booking for a key whose checkout died after the booking was decided', async () => {
    const user = await t.register();
    /** A key claimed a minute ago by a process that died (its lease ran out) and the booking it opened. */
    const stalled = async () => {
      const holdId = await hold(user.token, freshSeats(1));
      const key = randomUUID();
      const bookingId = await claimKey(user, holdId, key);
      await t.query(
        'bookings',
        sql`update bookings.checkouts set created_at = now() - interval '1 minute',
              leased_until = now() - interval '1 second' where idempotency_key = ${key}`,
      );
      return { holdId, key, bookingId };
    };
    const outcome = async (key: string) =>
      (
        await t.query<{ outcome: string; booking_id: string | null }>(
          'bookings',
          sql`select outcome, booking_id from bookings.checkouts where idempotency_key = ${key}`,
        )
      )[0] ?? null;
    // Its booking expired (the sweeper got there first), or was removed unpaid.
    const expired = await stalled();
    await t.query('bookings', sql`update bookings.bookings set status = 'EXPIRED' where id = ${expired.bookingId}`);
    const removed = await stalled();
    await t.query('bookings', sql`delete from bookings.bookings where id = ${removed.bookingId}`);

    await waitFor(async () => (await outcome(expired.key))?.outcome === 'HOLD_EXPIRED', 20_000, 200);
    await waitFor(async () => (await outcome(removed.key)) === null, 20_000, 200);
    const input = { holdId: expired.holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: expired.key };
    expect(codes(await t.gql(CheckoutDocument, { input }, user.token))).toEqual(['HOLD_EXPIRED']);
    // The removed one's key is free again: the same request books the seats.
    const again = await t.gql(
      CheckoutDocument,
      { input: { holdId: removed.holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: removed.key } },
      user.token,
    );
    expect(again.data?.checkout.status).toBe('CONFIRMED');
  });

  it('leaves no succeeded payment without its confirmed booking: reconciliation confirms or refunds', async () => {
    const user = await t.register();
    /** A SUCCEEDED payment written as if its PaymentSucceeded event never reached bookings, a few minutes ago. */
    const succeeded = async (bookingId: string) => {
      const paymentId = randomUUID();
      await t.query(
        'payments',
        sql`insert into payments.payment_intents
              (id, idempotency_key, request_hash, booking_id, user_id, amount, currency, token, status, updated_at)
            values (${paymentId}, ${randomUUID()}, 'h', ${bookingId}, ${user.userId}, 1000, 'EUR', 'tok_visa',
              'SUCCEEDED', now() - interval '5 minutes')`,
      );
      return paymentId;
    };
    const pendingBooking = async () => {
      const holdId = await hold(user.token, freshSeats(1));
      const bookingId = randomUUID();
      await t.query(
        'bookings',
        sql`select * from bookings.open_checkout(${user.userId}::uuid, ${randomUUID()}, 'h', ${holdId}::uuid,
              ${bookingId}::uuid)`,
      );
      return bookingId;
    };
    // 1. Nothing was ever booked with it.
    const orphan = await succeeded(randomUUID());
    // 2. Its booking is still pending with an active hold: reconciliation confirms it.
    const pendingId = await pendingBooking();
    const confirms = await succeeded(pendingId);
    // 3. Its booking expired meanwhile (the sweeper never heard of the payment).
    const expiredId = await pendingBooking();
    const late = await succeeded(expiredId);
    await t.query('bookings', sql`update bookings.bookings set status = 'EXPIRED' where id = ${expiredId}`);
    // 4. Confirmed the usual way: only marked as seen.
    const holdId = await hold(user.token, freshSeats(1));
    const paid = await t.gql(
      CheckoutDocument,
      { input: { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
      user.token,
    );
    const usual = paid.data!.checkout.payment!.id;
    await t.query(
      'payments',
      sql`update payments.payment_intents set updated_at = now() - interval '5 minutes' where id = ${usual}`,
    );

    const states = async () =>
      Object.fromEntries(
        (
          await t.query<{ id: string; status: string; reconciled: boolean; refunds: number }>(
            'payments',
            sql`select p.id, p.status, p.reconciled_at is not null as reconciled,
                  (select count(*)::int from payments.refunds r where r.payment_id = p.id) as refunds
                from payments.payment_intents p where p.user_id = ${user.userId}`,
          )
        ).map(({ id, ...state }) => [id, state]),
      );
    await waitFor(
      async () => {
        const s = await states();
        return s[usual]?.reconciled && s[confirms]?.reconciled && s[orphan]?.refunds && s[late]?.refunds;
      },
      30_000,
      250,
    );
    expect(await states()).toEqual({
      [orphan]: { status: 'REFUNDED', reconciled: false, refunds: 1 },
      [confirms]: { status: 'SUCCEEDED', reconciled: true, refunds: 0 },
      [late]: { status: 'REFUNDED', reconciled: false, refunds: 1 },
      [usual]: { status: 'SUCCEEDED', reconciled: true, refunds: 0 },
    });
    const bookingStatus = async (id: string) =>
      (await t.query<{ status: string }>('bookings', sql`select status from bookings.bookings where id = ${id}`))[0]
        ?.status;
    expect(await bookingStatus(pendingId)).toBe('CONFIRMED');
    expect(await bookingStatus(expiredId)).toBe('EXPIRED');
  });

  it('makes up for the notification of a confirmation whose event the notifier never handled', async () => {
    const user = await t.register();
    const holdId = await hold(user.token, freshSeats(1));
    const paid = await t.gql(
      CheckoutDocument,
      { input: { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
      user.token,
    );
    const bookingId = paid.data!.checkout.id;
    const [confirmed] = await t.query<{ id: string; seq: number }>(
      'bookings',
      sql`select id, seq from bookings.outbox where type = 'BookingConfirmed' and payload->>'bookingId' = ${bookingId}`,
    );
    const notified = async () =>
      (
        await t.query(
          'notifications',
          sql`select id from notifications.notifications where event_id = ${confirmed!.id} and kind = 'BookingConfirmed'`,
        )
      ).length;
    await waitFor(async () => (await notified()) === 1, 20_000, 100);
    // As if the event had never reached the notifier: its notification and its claim are gone.
    await t.query('notifications', sql`delete from notifications.notifications where event_id = ${confirmed!.id}`);
    await t.query('notifications', sql`delete from notifications.processed_events where event_id = ${confirmed!.id}`);
    // Reconciliation reads events once they are settled (a couple of minutes old).
    await t.query(
      'bookings',
      sql`update bookings.outbox set occurred_at = occurred_at - interval '10 minutes' where seq <= ${confirmed!.seq}`,
    );
    await waitFor(async () => (await notified()) === 1, 30_000, 250);
    expect(await notified()).toBe(1);
  });

  it.each([
    ['no list', {}],
    ['an empty list', { payments: [] }],
    ['a bad id', { payments: [{ paymentId: 'x', bookingId: randomUUID() }] }],
    [
      'too many',
      { payments: Array.from({ length: 101 }, () => ({ paymentId: randomUUID(), bookingId: randomUUID() })) },
    ],
  ])('answers a settle-payments request with %s as malformed', async (_, request) => {
    const reply = await t.stack.bus.request(requestSubjects.settlePayments, request, 5_000);
    expect(reply).toEqual({ ok: false, error: 'MALFORMED_REQUEST' });
  });

  it('keeps a tok_slow booking PENDING_PAYMENT until the payment settles, then confirms it', async () => {
    const user = await t.register();
    const holdId = await hold(user.token, freshSeats(1));
    const result = await t.gql(
      CheckoutDocument,
      { input: { holdId, paymentMethod: { token: 'tok_slow' }, idempotencyKey: randomUUID() } },
      user.token,
    );
    expect(result.data!.checkout).toMatchObject({ status: 'PENDING_PAYMENT', payment: { status: 'PROCESSING' } });
    const bookingId = result.data!.checkout.id;
    const settled = await waitFor(
      async () => {
        const b = (await t.gql(BookingDocument, { id: bookingId }, user.token)).data?.booking;
        return b?.status === 'CONFIRMED' ? b : null;
      },
      10_000,
      100,
    );
    expect(settled.payment?.status).toBe('SUCCEEDED');
  });

  it('checks out a hold on a show whose seats nobody has loaded yet', async () => {
    const user = await t.register();
    const movies = await t.gql(MoviesDocument, { first: 20 });
    const shows = movies.data!.movies.edges.flatMap((e) => e.node.shows.map((s) => s.id));
    const cold = shows.filter((id) => id !== showId).at(-1)!;
    const held = await t.gql(ColdLockDocument, { input: { showId: cold, seatIds: ['A1'] } }, user.token);
    const holdId = held.data!.lockSeats.id;
    const result = await t.gql(
      ColdCheckoutDocument,
      {
        input: { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() },
      },
      user.token,
    );
    expect(result.data?.checkout.status).toBe('CONFIRMED');
  });

  it("refuses another user's hold at checkout", async () => {
    const [owner, other] = await Promise.all([t.register(), t.register()]);
    const holdId = await hold(owner.token, freshSeats(1));
    const idempotencyKey = randomUUID();
    const result = await t.gql(
      CheckoutDocument,
      { input: { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey } },
      other.token,
    );
    expect(codes(result)).toEqual(['FORBIDDEN']);
    // The refusal wrote nothing: the key is still free for that user's own hold.
    const own = await hold(other.token, freshSeats(1));
    const booked = await t.gql(
      CheckoutDocument,
      { input: { holdId: own, paymentMethod: { token: 'tok_visa' }, idempotencyKey } },
      other.token,
    );
    expect(booked.data?.checkout.status).toBe('CONFIRMED');
  });
});
