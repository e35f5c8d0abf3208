import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Identity } from '@seats/platform';
import { createAdmin, createUser, expectCode, holdSeats, modes, waitFor, type SeededShow } from '@seats/testkit';
import {
  booking,
  bookingsOfUser,
  cancelBooking,
  checkoutOf,
  hold,
  openBooking,
  seatMapOf,
  showSeats,
  startBookings,
  startShow,
  statuses,
  type BookingsHarness,
} from './support/bookings.js';

/**
 * The hold and booking transitions, driven as the platform drives them:
 * checkout's first step through the service, payments through their
 * events, cancellations through the mutation and the schedule's event.
 */
describe.each(modes)('a booking from checkout to cancellation (%s)', (mode) => {
  let bookings: BookingsHarness;
  let show: SeededShow;

  beforeAll(async () => {
    bookings = await startBookings(mode);
    show = await startShow(bookings);
  });
  afterAll(() => bookings?.dispose());

  /** A hold of the seats and checkout's pending booking of it. */
  async function pendingBooking(owner: Identity, seatIds: string[]) {
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds });
    const pending = await openBooking(bookings, owner, taken.id);
    return { hold: taken, booking: pending };
  }

  /** A payment that succeeded, announced as payments announces it. */
  const paid = (owner: Identity, bookingId: string, amount: number) =>
    bookings.publish('PaymentSucceeded', {
      paymentId: randomUUID(),
      bookingId,
      userId: owner.userId,
      amount: { amount, currency: 'EUR' },
    });

  it('confirms a paid booking: the hold becomes its seats (BookingConfirmed)', async () => {
    const confirmed = await bookings.record('BookingConfirmed');
    const owner = createUser();
    const { hold: taken, booking: pending } = await pendingBooking(owner, ['A1', 'B1']);
    expect(pending).toMatchObject({ status: 'PENDING_PAYMENT', total: { amount: 2500, currency: 'EUR' } });
    expect((await bookings.gql(booking, { id: pending.id }, owner)).data?.booking?.seats).toEqual([
      { code: 'A1', status: 'HELD' },
      { code: 'B1', status: 'HELD' },
    ]);

    const payment = await paid(owner, pending.id, 2500);
    const event = await waitFor(() => confirmed.find((e) => e.payload.bookingId === pending.id));
    expect(event.payload).toMatchObject({ paymentId: payment.payload.paymentId, seatIds: ['A1', 'B1'] });
    expect((await bookings.gql(booking, { id: pending.id }, owner)).data?.booking).toMatchObject({
      status: 'CONFIRMED',
      seats: [
        { code: 'A1', status: 'BOOKED' },
        { code: 'B1', status: 'BOOKED' },
      ],
    });
    expect((await bookings.gql(hold, { id: taken.id }, owner)).data?.hold?.status).toBe('CONVERTED');
    expect(statuses(await seatMapOf(bookings, show.showId))).toMatchObject({ A1: 'BOOKED', B1: 'BOOKED' });

    // The same payment announced again changes nothing.
    await bookings.publish('PaymentSucceeded', payment.payload);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(confirmed.filter((e) => e.payload.bookingId === pending.id)).toHaveLength(1);
  });

  it('confirms a payment that succeeds while the hold is active, whether its event or the charge answer comes first', async () => {
    const expired = await bookings.record('BookingExpired');
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['A4'] });
    const pending = await openBooking(bookings, owner, taken.id);
    const { paymentId } = (await paid(owner, pending.id, 1000)).payload;
    await waitFor(
      async () => (await bookings.gql(booking, { id: pending.id }, owner)).data?.booking?.status === 'CONFIRMED',
    );
    // The charge's PROCESSING answer arrives after the event: the booking keeps its payment and stays confirmed.
    expect(await bookings.context(owner).bookings.attachPayment(pending.id, paymentId)).toMatchObject({
      status: 'CONFIRMED',
      paymentId,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(expired.filter((e) => e.payload.bookingId === pending.id)).toEqual([]);
  });

  it('answers SERVICE_UNAVAILABLE when no payments instance takes the charge, and books and charges nothing', async () => {
    // This harness runs bookings alone: no responder serves the charge subject.
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['B4'] });
    const input = { holdId: taken.id, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
    const checkout = bookings.context(owner).checkout.checkout(owner, input);
    await expect(checkout).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
    });
    expect(await bookings.query(sql`select id from bookings.bookings where hold_id = ${taken.id}::uuid`)).toEqual([]);
    expect(
      await bookings.query(sql`select outcome from bookings.checkouts where idempotency_key = ${input.idempotencyKey}`),
    ).toEqual([]);
    // The seats stay held for the buyer to try again.
    expect((await bookings.gql(hold, { id: taken.id }, owner)).data?.hold?.status).toBe('ACTIVE');
  });

  it('refuses a second checkout of one hold, and another user checking it out', async () => {
    const owner = createUser();
    const { hold: taken } = await pendingBooking(owner, ['A2']);
    const service = bookings.context(owner).bookings;
    await expectCode(service.startCheckout(owner, checkoutOf(taken.id)), 'BAD_USER_INPUT', 'input.holdId');
    const stranger = createUser();
    await expectCode(service.startCheckout(stranger, checkoutOf(taken.id)), 'FORBIDDEN');
  });

  it('cancels a confirmed booking for its owner or an admin only, and frees its seats (BookingCancelled)', async () => {
    const cancelled = await bookings.record('BookingCancelled');
    const owner = createUser();
    const { booking: pending } = await pendingBooking(owner, ['A3']);
    await paid(owner, pending.id, 1000);
    await waitFor(
      async () => (await bookings.gql(booking, { id: pending.id }, owner)).data?.booking?.status === 'CONFIRMED',
    );

    const stranger = await bookings.gql(cancelBooking, { id: pending.id }, createUser());
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await bookings.gql(booking, { id: pending.id }, createUser())).data?.booking).toBeNull();

    const admin = createAdmin();
    const result = await bookings.gql(cancelBooking, { id: pending.id }, admin);
    expect(result.data?.cancelBooking).toMatchObject({
      status: 'CANCELLED',
      seats: [{ code: 'A3', status: 'AVAILABLE' }],
    });
    const event = await waitFor(() => cancelled.find((e) => e.payload.bookingId === pending.id));
    expect(event.payload).toMatchObject({ cancelledBy: admin.userId, seatIds: ['A3'], total: { amount: 1000 } });
    expect(statuses(await seatMapOf(bookings, show.showId)).A3).toBe('AVAILABLE');

    // Cancelling again changes nothing.
    const again = await bookings.gql(cancelBooking, { id: pending.id }, owner);
    expect(again.data?.cancelBooking.status).toBe('CANCELLED');
    expect(cancelled.filter((e) => e.payload.bookingId === pending.id)).toHaveLength(1);
  });

  it("lists a user's bookings, newest first, to that user or an admin", async () => {
    const owner = createUser();
    const first = await pendingBooking(owner, ['B2']);
    const second = await pendingBooking(owner, ['B3']);
    const list = (caller: Identity, pageSize?: number) =>
      bookings.gql(bookingsOfUser, { reps: [{ __typename: 'User', id: owner.userId }], first: pageSize }, caller);
    const mine = await list(owner);
    expect(mine.data?._entities[0]?.bookings.edges.map((e) => e.node.id)).toEqual([
      second.booking.id,
      first.booking.id,
    ]);
    expect((await list(createAdmin(), 1)).data?._entities[0]?.bookings.pageInfo.hasNextPage).toBe(true);
    expect((await list(createUser())).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('ends every claim when the schedule cancels the show, and sells it no more', async () => {
    const cancelledShow = await startShow(bookings);
    const released = await bookings.record('SeatsReleased');
    const cancelled = await bookings.record('BookingCancelled');
    const holder = createUser();
    const active = await holdSeats(bookings.gql, holder, { showId: cancelledShow.showId, seatIds: ['A1'] });
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: cancelledShow.showId, seatIds: ['B4'] });
    const confirmedBooking = await openBooking(bookings, owner, taken.id);
    await paid(owner, confirmedBooking.id, 1500);
    await waitFor(
      async () =>
        (await bookings.gql(booking, { id: confirmedBooking.id }, owner)).data?.booking?.status === 'CONFIRMED',
    );

    const admin = createAdmin();
    await bookings.publish('ShowCancelled', { showId: cancelledShow.showId, cancelledBy: admin.userId });
    const release = await waitFor(() => released.find((e) => e.payload.holdId === active.id));
    expect(release.payload).toMatchObject({ reason: 'CANCELLED', seatIds: ['A1'] });
    const cancellation = await waitFor(() => cancelled.find((e) => e.payload.bookingId === confirmedBooking.id));
    expect(cancellation.payload).toMatchObject({ cancelledBy: admin.userId, seatIds: ['B4'] });

    expect((await showSeats(bookings, cancelledShow.showId)).seatsFree).toBe(0);
    await expectCode(
      holdSeats(bookings.gql, createUser(), { showId: cancelledShow.showId, seatIds: ['A2'] }),
      'BAD_USER_INPUT',
      'input.showId',
    );
    // A redelivered cancellation finds nothing left to end.
    await bookings.publish('ShowCancelled', { showId: cancelledShow.showId, cancelledBy: admin.userId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(released.filter((e) => e.payload.showId === cancelledShow.showId)).toHaveLength(1);
  });
});

describe.each(modes)('a payment that arrives too late (%s)', (mode) => {
  let bookings: BookingsHarness;

  beforeAll(async () => {
    bookings = await startBookings(mode, { HOLD_TTL_SECONDS: '1' });
  });
  afterAll(() => bookings?.dispose());

  /** The refunds bookings asked for: the BookingExpired events that name a payment. */
  const refundsOf = (events: Array<{ payload: { paymentId: string | null } }>, paymentId: string) =>
    events.filter((e) => e.payload.paymentId === paymentId);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const succeeded = (owner: Identity, bookingId: string, paymentId: string) =>
    bookings.publish('PaymentSucceeded', {
      paymentId,
      bookingId,
      userId: owner.userId,
      amount: { amount: 1000, currency: 'EUR' },
    });

  it('expires a checkout with its hold, then has the late payment refunded (BookingExpired)', async () => {
    const show = await startShow(bookings);
    const expired = await bookings.record('BookingExpired');
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['A1'] });
    const pending = await openBooking(bookings, owner, taken.id);

    const unpaid = await waitFor(() => expired.find((e) => e.payload.bookingId === pending.id));
    expect(unpaid.payload.paymentId).toBeNull();
    expect((await bookings.gql(booking, { id: pending.id }, owner)).data?.booking?.status).toBe('EXPIRED');

    const paymentId = randomUUID();
    await succeeded(owner, pending.id, paymentId);
    const refund = await waitFor(() => expired.find((e) => e.payload.paymentId === paymentId));
    expect(refund.payload).toMatchObject({ bookingId: pending.id, total: { amount: 1000 } });
    expect((await bookings.gql(booking, { id: pending.id }, owner)).data?.booking?.status).toBe('EXPIRED');
    expect(statuses(await seatMapOf(bookings, show.showId)).A1).toBe('AVAILABLE');
  });

  it('refunds once a payment whose charge answered after the booking expired, then succeeded', async () => {
    const show = await startShow(bookings);
    const expired = await bookings.record('BookingExpired');
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['A2'] });
    const pending = await openBooking(bookings, owner, taken.id);
    await waitFor(() => expired.find((e) => e.payload.bookingId === pending.id));

    // Checkout's charge answers PROCESSING only now: the payment is recorded on the ended booking and refunded.
    const paymentId = randomUUID();
    const late = await bookings.context(owner).bookings.attachPayment(pending.id, paymentId);
    expect(late).toMatchObject({ status: 'EXPIRED', paymentId });
    await waitFor(() => refundsOf(expired, paymentId)[0]);
    await succeeded(owner, pending.id, paymentId);
    await settle();
    expect(refundsOf(expired, paymentId)).toHaveLength(1);
    expect((await bookings.gql(booking, { id: pending.id }, owner)).data?.booking?.status).toBe('EXPIRED');
  });

  it('refunds once a payment attached while pending, when the booking expires before it succeeds', async () => {
    const show = await startShow(bookings);
    const expired = await bookings.record('BookingExpired');
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['A3'] });
    const pending = await openBooking(bookings, owner, taken.id);
    const paymentId = randomUUID();
    await bookings.context(owner).bookings.attachPayment(pending.id, paymentId);

    // The sweeper's expiry names the payment: that is its refund.
    await waitFor(() => refundsOf(expired, paymentId)[0]);
    await succeeded(owner, pending.id, paymentId);
    await settle();
    expect(refundsOf(expired, paymentId)).toHaveLength(1);
    expect(expired.filter((e) => e.payload.bookingId === pending.id)).toHaveLength(1);
  });

  it('refunds once a payment that succeeds for a booking cancelled before its charge answered', async () => {
    const show = await startShow(bookings);
    const expired = await bookings.record('BookingExpired');
    const cancelled = await bookings.record('BookingCancelled');
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['A4'] });
    const pending = await openBooking(bookings, owner, taken.id);
    expect((await bookings.gql(cancelBooking, { id: pending.id }, owner)).data?.cancelBooking.status).toBe('CANCELLED');
    const cancellation = await waitFor(() => cancelled.find((e) => e.payload.bookingId === pending.id));
    expect(cancellation.payload.paymentId).toBeNull();

    const paymentId = randomUUID();
    await bookings.context(owner).bookings.attachPayment(pending.id, paymentId);
    await succeeded(owner, pending.id, paymentId);
    await waitFor(() => refundsOf(expired, paymentId)[0]);
    await settle();
    expect(refundsOf(expired, paymentId)).toHaveLength(1);
    expect((await bookings.gql(booking, { id: pending.id }, owner)).data?.booking?.status).toBe('CANCELLED');
  });

  it('answers a checkout of a lapsed hold HOLD_EXPIRED, and its repeat alike, without a booking', async () => {
    const show = await startShow(bookings);
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: ['B1'] });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const service = bookings.context(owner).checkout;
    const input = { holdId: taken.id, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
    await expectCode(service.checkout(owner, input), 'HOLD_EXPIRED');
    await expectCode(service.checkout(owner, input), 'HOLD_EXPIRED');
    const rows = await bookings.query(sql`select id from bookings.bookings where hold_id = ${taken.id}::uuid`);
    expect(rows).toEqual([]);
  });
});
