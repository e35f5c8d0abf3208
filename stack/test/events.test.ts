import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { connect, JSONCodec } from 'nats';
import { sql, type BusEvent } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack } from './support/harness.js';
import { findScreening } from './support/builders.js';
import { BookingDocument, CheckoutDocument, LockSeatsDocument, ShowDocument } from './support/documents.js';

describe.each(modes)('events (%s)', (mode) => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true, env: { HOLD_TTL_SECONDS: '1' } });
  });
  afterAll(() => t?.dispose());

  it('releases an expired hold within about a second, as an event', async () => {
    const user = await t.register();
    const { showId, seatIds, seatCodes } = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
    const held = await t.gql(LockSeatsDocument, { input: { showId, seatIds: [seatIds[40]!] } }, user.token);
    const holdId = held.data!.lockSeats.id;
    const releasedAt = await waitFor(
      async () => {
        const map = (await t.gql(ShowDocument, { id: showId })).data!.show!.seatMap;
        const rows = await t.query<{ status: string }>(
          'bookings',
          sql`select status from bookings.holds where id = ${holdId}`,
        );
        return rows[0]?.status === 'EXPIRED' && map.seats.find((s) => s.id === seatIds[40])!.status === 'AVAILABLE'
          ? Date.now()
          : null;
      },
      5_000,
      50,
    );
    expect(releasedAt - new Date(held.data!.lockSeats.expiresAt).getTime()).toBeLessThan(1500);
    const events = await t.query<{ payload: BusEvent<'SeatsReleased'>['payload'] }>(
      'bookings',
      sql`select payload from bookings.outbox where type = 'SeatsReleased'`,
    );
    expect(
      events.map((e) => (typeof e.payload === 'string' ? (JSON.parse(e.payload) as unknown) : e.payload)),
    ).toContainEqual(expect.objectContaining({ holdId, reason: 'EXPIRED', seatIds: [seatCodes[40]] }));
  });

  it('refunds a payment that succeeds after its hold expired and marks the booking EXPIRED', async () => {
    const user = await t.register();
    const { showId, seatIds } = await findScreening(t);
    const held = await t.gql(LockSeatsDocument, { input: { showId, seatIds: [seatIds[60]!] } }, user.token);
    const result = await t.gql(
      CheckoutDocument,
      {
        input: { holdId: held.data!.lockSeats.id, paymentMethod: { token: 'tok_slow' }, idempotencyKey: randomUUID() },
      },
      user.token,
    );
    expect(result.data!.checkout.status).toBe('PENDING_PAYMENT');
    const bookingId = result.data!.checkout.id;
    const ended = await waitFor(
      async () => {
        const b = (await t.gql(BookingDocument, { id: bookingId }, user.token)).data?.booking;
        return b?.status === 'EXPIRED' && b.payment?.status === 'REFUNDED' ? b : null;
      },
      10_000,
      100,
    );
    expect(ended.payment!.amount.amount).toBeGreaterThan(0);
    const map = (await t.gql(ShowDocument, { id: showId })).data!.show!.seatMap;
    expect(map.seats.find((s) => s.id === seatIds[60])!.status).toBe('AVAILABLE');
  });

  // JetStream exists only in services mode; the embedded bus has no stream to inspect.
  if (mode === 'services')
    it('puts BookingConfirmed on JetStream with the event id as Nats-Msg-Id', async () => {
      const user = await t.register();
      const { showId, seatIds, seatCodes } = await findScreening(t);
      const held = await t.gql(LockSeatsDocument, { input: { showId, seatIds: [seatIds[50]!] } }, user.token);
      const booked = await t.gql(
        CheckoutDocument,
        {
          input: {
            holdId: held.data!.lockSeats.id,
            paymentMethod: { token: 'tok_visa' },
            idempotencyKey: randomUUID(),
          },
        },
        user.token,
      );
      const bookingId = booked.data!.checkout.id;
      const prefix = t.stack.config.busPrefix;
      const nc = await connect({ servers: process.env.TEST_NATS_URL! });
      try {
        const jsm = await nc.jetstreamManager();
        const stream = `${prefix.toUpperCase()}_EVENTS`;
        const message = await waitFor(
          () =>
            jsm.streams
              .getMessage(stream, { last_by_subj: `${prefix}.events.bookings.BookingConfirmed` })
              .catch(() => null),
          5_000,
        );
        const event = JSONCodec<BusEvent<'BookingConfirmed'>>().decode(message.data);
        expect(event.payload).toMatchObject({ bookingId, userId: user.userId, showId, seatIds: [seatCodes[50]] });
        expect(message.header.get('Nats-Msg-Id')).toBe(event.id);
        const [row] = await t.query<{ id: string }>(
          'bookings',
          sql`select id from bookings.outbox where type = 'BookingConfirmed'`,
        );
        expect(row!.id).toBe(event.id);
      } finally {
        await nc.close();
      }
    });
});
