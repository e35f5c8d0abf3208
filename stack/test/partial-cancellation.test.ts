import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, createScreening } from './support/builders.js';

interface BookingView {
  id: string;
  status: string;
  total: { amount: number };
  seats: Array<{ code: string }>;
  cancellations: Array<{ id: string; seats: Array<{ code: string; status: string }>; refund: { amount: number } }>;
  payment: { status: string; refunded: { amount: number } } | null;
}

const bookingFields = `id status total { amount } seats { code }
  cancellations { id seats { code status } refund { amount } }
  payment { status refunded { amount } }`;
const cancelSeats = `mutation Cancel($input: CancelSeatsInput!) { cancelSeats(input: $input) { ${bookingFields} } }`;

describe.each(modes)('cancelling some seats of a booking (%s)', (mode) => {
  let t: TestStack;
  let ada: TestUser;
  let bob: TestUser;
  let showId: string;

  beforeAll(async () => {
    t = await startTestStack(mode);
    [ada, bob] = await Promise.all([t.register('Ada'), t.register('Bob')]);
    showId = await createScreening(t, await t.adminToken(), `Partial ${randomBytes(4).toString('hex')}`);
  });
  afterAll(() => t?.dispose());

  /** A confirmed booking of these seats for Ada. */
  async function book(seatIds: string[]): Promise<string> {
    const held = await t.gql<{ lockSeats: { id: string } }>(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      { input: { showId, seatIds } },
      ada.token,
    );
    const input = {
      holdId: held.data!.lockSeats.id,
      paymentMethod: { token: 'tok_visa' },
      idempotencyKey: randomUUID(),
    };
    const paid = await t.gql<{ checkout: { id: string; status: string } }>(
      'mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }',
      { input },
      ada.token,
    );
    expect(paid.data!.checkout.status).toBe('CONFIRMED');
    return paid.data!.checkout.id;
  }

  const cancel = (bookingId: string, seatIds: string[], token: string | null = ada.token) =>
    t.gql<{ cancelSeats: BookingView }>(cancelSeats, { input: { bookingId, seatIds } }, token ?? undefined);
  const statusOf = async (codes: string[]) => {
    const map = await t.gql<{ show: { seatMap: { seats: Array<{ code: string; status: string }> } } }>(
      'query($id: ID!) { show(id: $id) { seatMap { seats { code status } } } }',
      { id: showId },
    );
    return Object.fromEntries(
      map.data!.show.seatMap.seats.filter((s) => codes.includes(s.code)).map((s) => [s.code, s.status]),
    );
  };
  const eventsOf = (bookingId: string, type: string) =>
    t.query<{ n: number }>(
      'bookings',
      sql`select count(*)::int as n from bookings.outbox where type = ${type} and payload->>'bookingId' = ${bookingId}`,
    );

  it('cancels two of four seats: frees them, refunds their price, and keeps the booking with the rest', async () => {
    const id = await book(['A1', 'A2', 'A3', 'A4']);
    const result = await cancel(id, ['A2', `${showId}:A3`]);
    expect(result.errors).toBeUndefined();
    const booking = result.data!.cancelSeats;
    expect(booking).toMatchObject({ status: 'CONFIRMED', total: { amount: 4000 }, payment: { status: 'SUCCEEDED' } });
    expect(booking.seats.map((s) => s.code)).toEqual(['A1', 'A4']);
    expect(booking.cancellations).toHaveLength(1);
    expect(booking.cancellations[0]).toMatchObject({
      refund: { amount: 2000 },
      seats: [
        { code: 'A2', status: 'AVAILABLE' },
        { code: 'A3', status: 'AVAILABLE' },
      ],
    });
    expect(booking.payment!.refunded.amount).toBe(2000);
    expect(await statusOf(['A1', 'A2', 'A3', 'A4'])).toEqual({
      A1: 'BOOKED',
      A2: 'AVAILABLE',
      A3: 'AVAILABLE',
      A4: 'BOOKED',
    });
    expect(await eventsOf(id, 'BookingSeatsCancelled')).toEqual([{ n: 1 }]);

    // The freed seats can be sold again.
    const again = await t.gql(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      {
        input: { showId, seatIds: ['A2'] },
      },
      bob.token,
    );
    expect(again.errors).toBeUndefined();
  });

  it('changes nothing when the same request comes again, even twice at once', async () => {
    const id = await book(['B1', 'B2', 'B3']);
    const [first, second] = await Promise.all([cancel(id, ['B1']), cancel(id, ['B1'])]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const third = await cancel(id, ['B1']);
    expect(third.data!.cancelSeats.cancellations).toHaveLength(1);
    expect(third.data!.cancelSeats.payment!.refunded.amount).toBe(1000);
    expect(await eventsOf(id, 'BookingSeatsCancelled')).toEqual([{ n: 1 }]);
  });

  it('cancels the whole booking with its last seats, never refunding more than was paid', async () => {
    const id = await book(['C1', 'C2']);
    await cancel(id, ['C1']);
    const last = await cancel(id, ['C2', 'C1']);
    expect(last.errors).toBeUndefined();
    expect(last.data!.cancelSeats.status).toBe('CANCELLED');
    const paid = await waitFor(async () => {
      const seen = await t.gql<{ booking: BookingView }>(
        `query($id: ID!) { booking(id: $id) { ${bookingFields} } }`,
        { id },
        ada.token,
      );
      return seen.data?.booking.payment?.status === 'REFUNDED' ? seen.data.booking.payment : undefined;
    });
    expect(paid.refunded.amount).toBe(2000);
    expect(await statusOf(['C1', 'C2'])).toEqual({ C1: 'AVAILABLE', C2: 'AVAILABLE' });
    // The cancellation names only the seat it freed.
    const [cancelled] = await t.query<{ seats: string[] }>(
      'bookings',
      sql`select payload->'seatIds' as seats from bookings.outbox where type = 'BookingCancelled' and payload->>'bookingId' = ${id}`,
    );
    expect(cancelled!.seats).toEqual(['C2']);
  });

  it.each([
    ['no seats', 'D1', []],
    ['a seat the booking does not have', 'D2', ['E9']],
    ['a malformed seat id', 'D3', ['not a seat!']],
  ])('refuses %s and changes nothing', async (_, seat, seats) => {
    const id = await book([seat]);
    const result = await cancel(id, seats);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions?.field).toBe('input.seatIds');
    expect(await eventsOf(id, 'BookingSeatsCancelled')).toEqual([{ n: 0 }]);
  });

  it("refuses another user's booking, a caller not signed in, and an id that is not one", async () => {
    const id = await book(['F1', 'F2']);
    expect(codes(await cancel(id, ['F1'], bob.token))).toEqual(['FORBIDDEN']);
    expect(codes(await cancel(id, ['F1'], null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await cancel('booking-1', ['F1']))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await cancel(randomUUID(), ['F1']))).toEqual(['NOT_FOUND']);
    expect(await eventsOf(id, 'BookingSeatsCancelled')).toEqual([{ n: 0 }]);
  });
});
