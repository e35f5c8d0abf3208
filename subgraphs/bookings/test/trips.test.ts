import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, expectCode, holdSeats, modes, type SeededShow } from '@seats/testkit';
import {
  openBooking,
  seatMapOf,
  showSeats,
  startBookings,
  startShow,
  statuses,
  type BookingsHarness,
} from './support/bookings.js';

const tripSeatsFree = (showId: string, fromStop: number, toStop: number) => ({
  query: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Trip { seatsFree } } }`,
  reps: [{ __typename: 'Trip', showId, fromStop, toStop }],
});

describe.each(modes)('seats of a train trip, leg by leg (%s)', (mode) => {
  let bookings: BookingsHarness;
  let trip: SeededShow;

  beforeAll(async () => {
    bookings = await startBookings(mode);
    // Four stops: legs [0,1), [1,2), [2,3).
    trip = await startShow(bookings, { kind: 'TRIP', stops: 4 });
  });
  afterAll(() => bookings?.dispose());

  it('prices a seat per leg travelled and ids it for the legs asked about', async () => {
    const whole = await seatMapOf(bookings, trip.showId);
    expect(whole).toMatchObject({ id: `${trip.showId}:0-3`, fromStop: 0, toStop: 3 });
    const seat = (map: typeof whole, code: string) => map.seats.find((s) => s.code === code);
    expect(seat(whole, 'C1-1')).toMatchObject({ id: `${trip.showId}:C1-1:0-3`, price: { amount: 7500 } });
    const oneLeg = await seatMapOf(bookings, trip.showId, { fromStop: 1, toStop: 2 });
    expect(seat(oneLeg, 'C2-1')).toMatchObject({ id: `${trip.showId}:C2-1:1-2`, price: { amount: 1500 } });
  });

  it('sells one seat to travellers whose legs do not overlap, and never twice on a shared leg', async () => {
    await holdSeats(bookings.gql, createUser(), { showId: trip.showId, seatIds: ['C1-1'], fromStop: 0, toStop: 1 });
    await holdSeats(bookings.gql, createUser(), { showId: trip.showId, seatIds: ['C1-1'], fromStop: 1, toStop: 3 });
    await expectCode(
      holdSeats(bookings.gql, createUser(), { showId: trip.showId, seatIds: ['C1-1'], fromStop: 2, toStop: 3 }),
      'SEATS_UNAVAILABLE',
    );
    expect(statuses(await seatMapOf(bookings, trip.showId, { fromStop: 2, toStop: 3 }))['C1-1']).toBe('HELD');
  });

  it('counts the seats free on every leg of a range', async () => {
    await holdSeats(bookings.gql, createUser(), { showId: trip.showId, seatIds: ['C2-4'], fromStop: 2, toStop: 3 });
    expect((await showSeats(bookings, trip.showId, { fromStop: 0, toStop: 1 })).seatsFree).toBe(7);
    expect((await showSeats(bookings, trip.showId, { fromStop: 0, toStop: 2 })).seatsFree).toBe(7);
    expect((await showSeats(bookings, trip.showId, { fromStop: 2, toStop: 3 })).seatsFree).toBe(6);
    expect((await showSeats(bookings, trip.showId)).seatsFree).toBe(6);
    const { query, reps } = tripSeatsFree(trip.showId, 2, 3);
    const result = await bookings.gql(query, { reps });
    expect(result.data).toEqual({ _entities: [{ seatsFree: 6 }] });
  });

  it('asks a hold on a trip for both stops, within the route', async () => {
    const user = createUser();
    const cases: Array<[{ fromStop?: number; toStop?: number }, string]> = [
      [{ toStop: 2 }, 'input.fromStop'],
      [{ fromStop: 0 }, 'input.toStop'],
      [{ fromStop: 3, toStop: 3 }, 'input.fromStop'],
      [{ fromStop: 2, toStop: 2 }, 'input.toStop'],
      [{ fromStop: 0, toStop: 4 }, 'input.toStop'],
    ];
    for (const [legs, field] of cases) {
      await expectCode(
        holdSeats(bookings.gql, user, { showId: trip.showId, seatIds: ['C2-1'], ...legs }),
        'BAD_USER_INPUT',
        field,
      );
    }
    await expect(showSeats(bookings, trip.showId, { fromStop: 2, toStop: 1 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'toStop' },
    });
    expect(statuses(await seatMapOf(bookings, trip.showId))['C2-1']).toBe('AVAILABLE');
  });

  it("prices a trip's booking for the legs of its hold", async () => {
    const owner = createUser();
    const taken = await holdSeats(bookings.gql, owner, {
      showId: trip.showId,
      seatIds: ['C1-2', 'C2-2'],
      fromStop: 1,
      toStop: 3,
    });
    // The whole route's map prices each seat for its three legs; the hold travels two.
    const whole = await seatMapOf(bookings, trip.showId);
    const price = (code: string) => whole.seats.find((s) => s.code === code)!.price.amount;
    const perLeg = (price('C1-2') + price('C2-2')) / 3;
    expect(await openBooking(bookings, owner, taken.id)).toMatchObject({
      status: 'PENDING_PAYMENT',
      fromStop: 1,
      toStop: 3,
      total: { amount: perLeg * 2, currency: 'EUR' },
    });
  });
});
