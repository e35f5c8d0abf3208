import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type BookingFacts, type BusEvent, type ChargeReply } from '@seats/platform';
import { busEvent, modes, waitFor } from '@seats/testkit';
import { chargeRequest, PaymentsFixture } from './support/payments.js';

describe.each(modes)('refunds (%s)', (mode) => {
  let payments: PaymentsFixture;

  beforeAll(async () => {
    payments = await PaymentsFixture.start(mode);
  });
  afterAll(() => payments?.dispose());

  const paidWith = async (token: string): Promise<string> => {
    const reply: ChargeReply = await payments.charge(chargeRequest({ token }));
    if (!reply.ok) throw new Error(`charge failed: ${reply.error}`);
    return reply.paymentId;
  };
  const statusOf = async (paymentId: string) =>
    (
      await payments.query<{ status: string }>(sql`select status from payments.payment_intents where id = ${paymentId}`)
    )[0]?.status;
  const eventsOf = async (paymentId: string) =>
    (
      await payments.query<{ type: string }>(
        sql`select type from payments.outbox where payload->>'paymentId' = ${paymentId} order by seq`,
      )
    ).map((row) => row.type);
  const refundsOf = async (paymentId: string) =>
    (
      await payments.query<{ n: number }>(
        sql`select count(*)::int as n from payments.refunds where payment_id = ${paymentId}`,
      )
    )[0]?.n;

  it('refunds a succeeded payment once and publishes RefundIssued once', async () => {
    const paymentId = await paidWith('tok_visa');
    const replies = await Promise.all([1, 2, 3].map(() => payments.refund({ paymentId, reason: 'changed my mind' })));
    expect(replies).toEqual(Array(3).fill({ ok: true, status: 'REFUNDED' }));
    expect(await payments.refund({ paymentId, reason: 'again' })).toEqual({ ok: true, status: 'REFUNDED' });
    expect(await statusOf(paymentId)).toBe('REFUNDED');
    expect(await eventsOf(paymentId)).toEqual(['PaymentSucceeded', 'RefundIssued']);
    expect(await refundsOf(paymentId)).toBe(1);
    const issued = await waitFor(async () =>
      payments.published.find((e) => e.type === 'RefundIssued' && e.payload.paymentId === paymentId),
    );
    expect(issued.payload).toMatchObject({ paymentId, amount: { amount: 2450, currency: 'EUR' } });
  });

  it('refunds parts once per key and never more in sum than was paid, then the rest', async () => {
    const paymentId = await paidWith('tok_visa'); // 24.50
    const part = (key: string, amount: number) =>
      payments.refund({ paymentId, reason: 'seats_cancelled', part: { key, amount } });
    const first = await Promise.all([part('c1', 1000), part('c1', 1000)]);
    expect(first).toEqual(Array(2).fill({ ok: true, status: 'PARTLY_REFUNDED' }));
    expect(await statusOf(paymentId)).toBe('SUCCEEDED');
    expect(await refundsOf(paymentId)).toBe(1);
    // More than is left: only what is left, and the payment is refunded.
    expect(await part('c2', 2000)).toEqual({ ok: true, status: 'REFUNDED' });
    expect(await payments.refund({ paymentId, reason: 'cancelled' })).toEqual({ ok: true, status: 'REFUNDED' });
    const [sum] = await payments.query<{ total: number }>(
      sql`select sum(amount)::int as total from payments.refunds where payment_id = ${paymentId}`,
    );
    expect(sum!.total).toBe(2450);
    expect(await eventsOf(paymentId)).toEqual(['PaymentSucceeded', 'RefundIssued', 'RefundIssued']);
  });

  it('refunds no part of a payment still PROCESSING (it is asked again once settled)', async () => {
    const paymentId = await paidWith('tok_slow');
    const reply = await payments.refund({ paymentId, reason: 'seats_cancelled', part: { key: 'c1', amount: 100 } });
    expect(reply).toEqual({ ok: false, error: 'NOT_SETTLED' });
    expect(await refundsOf(paymentId)).toBe(0);
  });

  it('refunds a payment still PROCESSING as soon as it settles', async () => {
    const paymentId = await paidWith('tok_slow');
    expect(await payments.refund({ paymentId, reason: 'hold expired' })).toEqual({ ok: true, status: 'REFUNDED' });
    expect(await statusOf(paymentId)).toBe('PROCESSING');
    await waitFor(async () => (await statusOf(paymentId)) === 'REFUNDED', 3000);
    expect(await eventsOf(paymentId)).toEqual(['PaymentSucceeded', 'RefundIssued']);
    expect(await refundsOf(paymentId)).toBe(1);
  });

  it('answers NOT_CHARGED for a declined payment and changes nothing', async () => {
    const paymentId = await paidWith('tok_chargeDeclined');
    expect(await payments.refund({ paymentId, reason: 'cancelled' })).toEqual({ ok: true, status: 'NOT_CHARGED' });
    expect(await statusOf(paymentId)).toBe('FAILED');
    expect(await eventsOf(paymentId)).toEqual(['PaymentFailed']);
  });

  it('answers NOT_FOUND for an unknown payment', async () => {
    expect(await payments.refund({ paymentId: randomUUID(), reason: 'cancelled' })).toEqual({
      ok: false,
      error: 'NOT_FOUND',
    });
  });

  it('answers a malformed refund request as malformed', async () => {
    expect(await payments.refund({ paymentId: 'not-an-id', reason: 'x' })).toMatchObject({
      error: 'MALFORMED_REQUEST',
    });
    expect(await payments.refund(null)).toMatchObject({ error: 'MALFORMED_REQUEST' });
  });

  it('refunds the payment of a cancelled booking once, however often the cancellation arrives', async () => {
    const paymentId = await paidWith('tok_visa');
    const first = bookingEvent('BookingCancelled', paymentId);
    // The same cancellation under another event id (a producer retry) must change nothing either.
    const second = { ...first, id: randomUUID() };
    await Promise.all([payments.bus.publish(first), payments.bus.publish(second)]);
    await waitFor(async () => {
      const claimed = await payments.query(
        sql`select 1 from payments.processed_events where event_id in (${first.id}, ${second.id})`,
      );
      return claimed.length === 2;
    });
    expect(await eventsOf(paymentId)).toEqual(['PaymentSucceeded', 'RefundIssued']);
    expect(await refundsOf(paymentId)).toBe(1);
  });

  it('refunds the payment of an expired booking that settled late', async () => {
    const paymentId = await paidWith('tok_slow');
    await payments.bus.publish(bookingEvent('BookingExpired', paymentId));
    await waitFor(async () => (await statusOf(paymentId)) === 'REFUNDED', 3000);
    expect(await eventsOf(paymentId)).toEqual(['PaymentSucceeded', 'RefundIssued']);
  });

  it('ignores a cancelled booking without a payment', async () => {
    const event = bookingEvent('BookingCancelled', null);
    await payments.bus.publish(event);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const claimed = await payments.query(sql`select 1 from payments.processed_events where event_id = ${event.id}`);
    expect(claimed).toEqual([]);
  });
});

function bookingEvent(
  type: 'BookingCancelled' | 'BookingExpired',
  paymentId: string | null,
): BusEvent<'BookingCancelled' | 'BookingExpired'> {
  const facts: BookingFacts = {
    bookingId: randomUUID(),
    userId: randomUUID(),
    showId: randomUUID(),
    paymentId,
    total: { amount: 2450, currency: 'EUR' },
  };
  if (type === 'BookingExpired') return busEvent(type, facts);
  const seats = { seatIds: ['A1'], fromStop: null, toStop: null, version: 3 };
  return busEvent(type, { ...facts, ...seats, cancelledBy: facts.userId });
}
