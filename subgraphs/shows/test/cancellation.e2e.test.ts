import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { graphql } from '../../../stack/test/generated/index.js';
import { startTestStack, type TestStack, type TestUser } from '../../../stack/test/support/harness.js';
import { modes, waitFor } from '@seats/testkit';
import { checkout, createTrip, hold, inAnHour, ok, untilKnown } from './support/gateway.js';

const cancelShow = graphql(`
  mutation CancellationE2eCancelShow($id: ID!) {
    cancelShow(id: $id) {
      id
      status
    }
  }
`);
const seatMap = graphql(`
  query CancellationE2eSeatMap($id: ID!) {
    show(id: $id) {
      status
      seatsFree
      seatMap {
        version
        seats {
          id
          status
        }
      }
    }
  }
`);
const bookingQuery = graphql(`
  query CancellationE2eBooking($id: ID!) {
    booking(id: $id) {
      status
      payment {
        status
      }
    }
  }
`);
const holdQuery = graphql(`
  query CancellationE2eHold($id: ID!) {
    hold(id: $id) {
      status
    }
  }
`);
const createMovie = graphql(`
  mutation CancellationE2eCreateMovie($input: CreateMovieInput!) {
    createMovie(input: $input) {
      id
    }
  }
`);
const createVenue = graphql(`
  mutation CancellationE2eCreateVenue($input: CreateVenueInput!) {
    createVenue(input: $input) {
      screens {
        id
      }
    }
  }
`);
const scheduleScreening = graphql(`
  mutation CancellationE2eScheduleScreening($input: ScheduleScreeningInput!) {
    scheduleScreening(input: $input) {
      id
    }
  }
`);
const lockSeats = graphql(`
  mutation CancellationE2eLockSeats($input: LockSeatsInput!) {
    lockSeats(input: $input) {
      id
    }
  }
`);

describe.each(modes)('cancelling a show through the gateway (%s)', (mode) => {
  let stack: TestStack;
  let admin: string;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    stack = await startTestStack(mode);
    admin = await stack.adminToken();
    [alice, bob] = await Promise.all([stack.register('Alice'), stack.register('Bob')]);
  });
  afterAll(() => stack?.dispose());

  async function screening(): Promise<string> {
    const movie = ok(
      await stack.gql(createMovie, { input: { title: `Last Reel ${randomUUID()}`, durationMinutes: 90 } }, admin),
    ).createMovie;
    const rows = [{ row: 'A', from: 1, to: 6, category: 'STANDARD' }];
    const venue = ok(
      await stack.gql(
        createVenue,
        {
          input: { name: `Closing ${randomUUID()}`, city: 'Kiel', address: 'Kai 2', screens: [{ name: 'One', rows }] },
        },
        admin,
      ),
    ).createVenue;
    const input = {
      movieId: movie.id,
      screenId: venue.screens[0]!.id,
      startsAt: inAnHour().toISOString(),
      prices: [{ category: 'STANDARD', amount: 1000 }],
    };
    const show = ok(await untilKnown(stack, admin, scheduleScreening, { input })).scheduleScreening;
    await waitFor(async () => (await stack.gql(seatMap, { id: show.id })).data?.show?.seatMap.seats.length === 6);
    return show.id;
  }

  const bookingsEvents = (showId: string) =>
    stack.query<{ type: string; payload: Record<string, unknown> }>(
      'bookings',
      sql`select type, payload from bookings.outbox where payload->>'showId' = ${showId} order by seq`,
    );

  it('refuses cancelShow to anonymous callers and to clients, and leaves the show on sale', async () => {
    const showId = await screening();
    expect((await stack.gql(cancelShow, { id: showId })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.gql(cancelShow, { id: showId }, bob.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ok(await stack.gql(seatMap, { id: showId })).show!.status).toBe('SCHEDULED');
  });

  it('releases the holds and cancels and refunds the bookings of a cancelled screening', async () => {
    const showId = await screening();
    const booking = await checkout(
      stack,
      alice.token,
      await hold(stack, alice.token, { showId, seatIds: ['A1', 'A2'] }),
    );
    expect(booking).toMatchObject({ status: 'CONFIRMED', payment: { status: 'SUCCEEDED' } });
    const bobsHold = await hold(stack, bob.token, { showId, seatIds: ['A3'] });
    const before = ok(await stack.gql(seatMap, { id: showId })).show!.seatMap.version;

    expect(ok(await stack.gql(cancelShow, { id: showId }, admin)).cancelShow).toEqual({
      id: showId,
      status: 'CANCELLED',
    });

    const refunded = await waitFor(async () => {
      const seen = ok(await stack.gql(bookingQuery, { id: booking.id }, alice.token)).booking!;
      return seen.payment?.status === 'REFUNDED' ? seen : undefined;
    });
    expect(refunded).toEqual({ status: 'CANCELLED', payment: { status: 'REFUNDED' } });
    expect(ok(await stack.gql(holdQuery, { id: bobsHold }, bob.token)).hold).toEqual({ status: 'RELEASED' });
    const after = ok(await stack.gql(seatMap, { id: showId })).show!;
    expect(after.status).toBe('CANCELLED');
    expect(after.seatsFree).toBe(0);
    expect(after.seatMap.version).toBeGreaterThanOrEqual(before + 2);
    expect(after.seatMap.seats.every((s) => s.status === 'AVAILABLE')).toBe(true);

    const again = await stack.gql(lockSeats, { input: { showId, seatIds: ['A4'] } }, bob.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.showId' });

    const events = await bookingsEvents(showId);
    expect(events.find((e) => e.type === 'SeatsReleased' && e.payload.holdId === bobsHold)?.payload).toMatchObject({
      reason: 'CANCELLED',
      seatIds: ['A3'],
    });
    expect(events.find((e) => e.type === 'BookingCancelled')?.payload).toMatchObject({
      bookingId: booking.id,
      paymentId: booking.payment!.id,
      seatIds: ['A1', 'A2'],
    });
  });

  it('changes nothing when a show is cancelled twice', async () => {
    const showId = await screening();
    await hold(stack, bob.token, { showId, seatIds: ['A1'] });
    expect(ok(await stack.gql(cancelShow, { id: showId }, admin)).cancelShow.status).toBe('CANCELLED');
    const released = await waitFor(async () => {
      const events = await bookingsEvents(showId);
      return events.some((e) => e.type === 'SeatsReleased') ? events : undefined;
    });
    expect(ok(await stack.gql(cancelShow, { id: showId }, admin)).cancelShow.status).toBe('CANCELLED');
    const announced = await stack.query(
      'shows',
      sql`select id from shows.outbox where type = 'ShowCancelled' and payload->>'showId' = ${showId}`,
    );
    expect(announced).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await bookingsEvents(showId)).toEqual(released);
  });

  it('frees every leg of a cancelled trip and refunds its bookings', async () => {
    const trip = await createTrip(stack, admin, inAnHour());
    const [seat] = trip.seatIds;
    const first = await hold(stack, alice.token, { showId: trip.showId, seatIds: [seat!], fromStop: 0, toStop: 2 });
    const booking = await checkout(stack, alice.token, first);
    await hold(stack, bob.token, { showId: trip.showId, seatIds: [seat!], fromStop: 2, toStop: 3 });
    ok(await stack.gql(cancelShow, { id: trip.showId }, admin));
    await waitFor(async () => {
      const seen = ok(await stack.gql(bookingQuery, { id: booking.id }, alice.token)).booking!;
      return seen.status === 'CANCELLED' && seen.payment?.status === 'REFUNDED';
    });
    const map = ok(await stack.gql(seatMap, { id: trip.showId })).show!.seatMap;
    expect(map.seats.every((s) => s.status === 'AVAILABLE')).toBe(true);
  });

  it('answers NOT_FOUND for an unknown show and BAD_USER_INPUT for a malformed id', async () => {
    expect((await stack.gql(cancelShow, { id: randomUUID() }, admin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await stack.gql(cancelShow, { id: 'show-1' }, admin);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
