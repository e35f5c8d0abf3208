import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, findScreening, findTrip } from './support/builders.js';
import {
  BookingDocument,
  CancelBookingDocument,
  CheckoutDocument,
  LockSeatsDocument,
  MeDocument,
  MoviesDocument,
  MyBookingsDocument,
  ReleaseSeatsDocument,
  ShowDocument,
} from './support/documents.js';

describe.each(modes)('the core booking path through the gateway (%s)', (mode) => {
  let t: TestStack;
  let alice: TestUser;
  let bob: TestUser;
  let screening: Awaited<ReturnType<typeof findScreening>>;

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    [alice, bob] = await Promise.all([t.register('Alice'), t.register('Bob')]);
    screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
  });
  afterAll(() => t?.dispose());

  it('knows the signed-in user and nobody without a token', async () => {
    const me = await t.gql(MeDocument, {}, alice.token);
    expect(me.data?.me).toMatchObject({ id: alice.userId, email: alice.email, role: 'USER' });
    expect((await t.gql(MeDocument)).data?.me).toBeNull();
  });

  it('pages through movies with opaque cursors', async () => {
    const first = await t.gql(MoviesDocument, { first: 2 });
    const page = first.data!.movies;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(MoviesDocument, { first: 2, after: page.pageInfo.endCursor });
    const ids = [...page.edges, ...second.data!.movies.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('shows a screening seat map with a version, statuses and prices', async () => {
    const show = await t.gql(ShowDocument, { id: screening.showId });
    const map = show.data!.show!.seatMap;
    expect(show.data!.show!.movie?.title).toBeTruthy();
    expect(map.seats.length).toBeGreaterThanOrEqual(100);
    expect(new Set(map.seats.map((s) => s.category)).size).toBeGreaterThanOrEqual(2);
    expect(map.seats.every((s) => s.price.amount > 0 && s.price.currency.length === 3)).toBe(true);
  });

  it('holds seats, refuses them to another user, and releases them', async () => {
    const seatIds = screening.seatIds.slice(0, 2);
    const held = await t.gql(LockSeatsDocument, { input: { showId: screening.showId, seatIds } }, alice.token);
    expect(held.errors).toBeUndefined();
    expect(held.data!.lockSeats.status).toBe('ACTIVE');
    expect(held.data!.lockSeats.seats.map((s) => s.status)).toEqual(['HELD', 'HELD']);

    const refused = await t.gql(
      LockSeatsDocument,
      { input: { showId: screening.showId, seatIds: [seatIds[1]!, screening.seatIds[5]!] } },
      bob.token,
    );
    expect(codes(refused)).toEqual(['SEATS_UNAVAILABLE']);
    expect(refused.errors![0]!.extensions!.seatIds).toEqual([seatIds[1]]);

    const map = (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap;
    expect(map.version).toBeGreaterThan(screening.version);
    expect(map.seats.find((s) => s.id === seatIds[0])!.status).toBe('HELD');
    expect(map.seats.find((s) => s.id === screening.seatIds[5])!.status).toBe('AVAILABLE');

    const released = await t.gql(ReleaseSeatsDocument, { holdId: held.data!.lockSeats.id }, alice.token);
    expect(released.data!.releaseSeats).toBe(true);
    const after = (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap;
    expect(after.seats.find((s) => s.id === seatIds[0])!.status).toBe('AVAILABLE');
  });

  it('checks out with tok_visa, shows the booking to its owner only, and cancels with a refund', async () => {
    const seatIds = screening.seatIds.slice(10, 13);
    const held = await t.gql(LockSeatsDocument, { input: { showId: screening.showId, seatIds } }, alice.token);
    const input = {
      holdId: held.data!.lockSeats.id,
      paymentMethod: { token: 'tok_visa' },
      idempotencyKey: randomUUID(),
    };
    const booked = await t.gql(CheckoutDocument, { input }, alice.token);
    expect(booked.errors).toBeUndefined();
    const booking = booked.data!.checkout;
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.payment?.status).toBe('SUCCEEDED');
    expect(booking.total.amount).toBe(held.data!.lockSeats.seats.reduce((sum, s) => sum + s.price.amount, 0));

    const repeat = await t.gql(CheckoutDocument, { input }, alice.token);
    expect(repeat.data!.checkout.id).toBe(booking.id);

    const map = (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap;
    expect(map.seats.filter((s) => seatIds.includes(s.id)).map((s) => s.status)).toEqual([
      'BOOKED',
      'BOOKED',
      'BOOKED',
    ]);

    const seen = await t.gql(BookingDocument, { id: booking.id }, alice.token);
    expect(seen.data!.booking).toMatchObject({
      id: booking.id,
      user: { email: alice.email },
      payment: { status: 'SUCCEEDED' },
    });
    expect((await t.gql(BookingDocument, { id: booking.id }, bob.token)).data!.booking).toBeNull();
    const mine = await t.gql(MyBookingsDocument, {}, alice.token);
    expect(mine.data!.me!.bookings.edges.map((e) => e.node.id)).toContain(booking.id);

    const cancelled = await t.gql(CancelBookingDocument, { id: booking.id }, alice.token);
    expect(cancelled.data!.cancelBooking).toMatchObject({ status: 'CANCELLED', payment: { status: 'REFUNDED' } });
    const freed = (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap;
    expect(freed.seats.filter((s) => seatIds.includes(s.id)).every((s) => s.status === 'AVAILABLE')).toBe(true);
  });

  it('declines tok_chargeDeclined and keeps the hold', async () => {
    const held = await t.gql(
      LockSeatsDocument,
      { input: { showId: screening.showId, seatIds: [screening.seatIds[20]!] } },
      bob.token,
    );
    const holdId = held.data!.lockSeats.id;
    const declined = await t.gql(
      CheckoutDocument,
      { input: { holdId, paymentMethod: { token: 'tok_chargeDeclined' }, idempotencyKey: randomUUID() } },
      bob.token,
    );
    expect(codes(declined)).toEqual(['PAYMENT_DECLINED']);
    const retry = await t.gql(
      CheckoutDocument,
      { input: { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
      bob.token,
    );
    expect(retry.data!.checkout.status).toBe('CONFIRMED');
  });

  it('sells one train seat per leg: A→B and B→C, but not A→C', async () => {
    const trip = await findTrip(t);
    const seat = trip.seatIds[0]!;
    const ab = await t.gql(
      LockSeatsDocument,
      { input: { showId: trip.showId, seatIds: [seat], fromStop: 0, toStop: 1 } },
      alice.token,
    );
    const bc = await t.gql(
      LockSeatsDocument,
      { input: { showId: trip.showId, seatIds: [seat], fromStop: 1, toStop: 2 } },
      bob.token,
    );
    const ac = await t.gql(
      LockSeatsDocument,
      { input: { showId: trip.showId, seatIds: [seat], fromStop: 0, toStop: 2 } },
      bob.token,
    );
    expect(ab.errors).toBeUndefined();
    expect(bc.errors).toBeUndefined();
    expect(codes(ac)).toEqual(['SEATS_UNAVAILABLE']);
    const later = await t.gql(ShowDocument, { id: trip.showId, fromStop: 2, toStop: trip.stops - 1 });
    const [first] = later.data!.show!.seatMap.seats;
    expect(first).toMatchObject({ code: trip.seatCodes[0], status: 'AVAILABLE' });
    expect(later.data!.show!.stops.length).toBe(trip.stops);
  });
});
