import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, waitFor } from '@seats/testkit';
import { chargeRequest, PaymentsFixture } from './support/payments.js';

describe.each(modes)('charging through the bus (%s)', (mode) => {
  let payments: PaymentsFixture;

  beforeAll(async () => {
    payments = await PaymentsFixture.start(mode);
  });
  afterAll(() => payments?.dispose());

  const storedIntent = async (key: string) =>
    (
      await payments.query<{ id: string; status: string }>(
        sql`select id, status from payments.payment_intents where idempotency_key = ${key}`,
      )
    )[0];

  it('charges tok_visa at once and publishes PaymentSucceeded', async () => {
    const request = chargeRequest({ token: 'tok_visa' });
    const reply = await payments.charge(request);
    expect(reply).toMatchObject({ ok: true, status: 'SUCCEEDED', reason: null });
    if (!reply.ok) return;
    const event = await waitFor(async () => payments.published.find((e) => e.payload.paymentId === reply.paymentId));
    expect(event.type).toBe('PaymentSucceeded');
    expect(event.payload).toEqual({
      paymentId: reply.paymentId,
      bookingId: request.bookingId,
      userId: request.userId,
      amount: request.amount,
    });
  });

  it('declines tok_chargeDeclined with card_declined and publishes PaymentFailed', async () => {
    const reply = await payments.charge(chargeRequest({ token: 'tok_chargeDeclined' }));
    expect(reply).toMatchObject({ ok: true, status: 'FAILED', reason: 'card_declined' });
    if (!reply.ok) return;
    const event = await waitFor(async () => payments.published.find((e) => e.payload.paymentId === reply.paymentId));
    expect(event.type).toBe('PaymentFailed');
    expect(event.payload).toMatchObject({ reason: 'card_declined' });
  });

  it('accepts tok_slow as PROCESSING and settles it to SUCCEEDED within 3 seconds', async () => {
    const request = chargeRequest({ token: 'tok_slow' });
    const reply = await payments.charge(request);
    expect(reply).toMatchObject({ ok: true, status: 'PROCESSING', reason: null });
    if (!reply.ok) return;
    const event = await waitFor(
      async () => payments.published.find((e) => e.payload.paymentId === reply.paymentId),
      3000,
    );
    expect(event.type).toBe('PaymentSucceeded');
    expect(await storedIntent(request.idempotencyKey)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await payments.charge(request)).toEqual({ ...reply, status: 'SUCCEEDED' });
  });

  it('refuses an unknown token and stores no intent', async () => {
    const request = chargeRequest({ token: 'tok_unknown' });
    expect(await payments.charge(request)).toEqual({ ok: false, error: 'INVALID_TOKEN' });
    expect(await storedIntent(request.idempotencyKey)).toBeUndefined();
  });

  it('answers the same key and request with the same payment', async () => {
    const request = chargeRequest({ token: 'tok_chargeDeclined' });
    const first = await payments.charge(request);
    const second = await payments.charge(request);
    expect(first).toMatchObject({ ok: true, status: 'FAILED' });
    expect(second).toEqual(first);
  });

  it('answers the same key with another request with IDEMPOTENCY_CONFLICT', async () => {
    const request = chargeRequest();
    const first = await payments.charge(request);
    const other = await payments.charge({
      ...request,
      requestHash: 'another-hash',
      amount: { amount: 1, currency: 'EUR' },
    });
    expect(other).toEqual({ ok: false, error: 'IDEMPOTENCY_CONFLICT' });
    expect(await payments.charge(request)).toEqual(first);
  });

  it('stores one intent and one event for 20 concurrent identical charges', async () => {
    const request = chargeRequest();
    const replies = await Promise.all(Array.from({ length: 20 }, () => payments.charge(request)));
    const ids = new Set(replies.map((r) => (r.ok ? r.paymentId : r.error)));
    expect(ids.size).toBe(1);
    expect(replies.every((r) => r.ok && r.status === 'SUCCEEDED')).toBe(true);
    const [counts] = await payments.query<{ intents: number; events: number }>(
      sql`select (select count(*)::int from payments.payment_intents where idempotency_key = ${request.idempotencyKey}) as intents,
                 (select count(*)::int from payments.outbox where payload->>'paymentId' = ${[...ids][0]}) as events`,
    );
    expect(counts).toEqual({ intents: 1, events: 1 });
  });

  it.each([
    ['not an object', 'garbage'],
    ['a malformed booking id', { ...chargeRequest(), bookingId: 'nope' }],
    ['a negative amount', { ...chargeRequest(), amount: { amount: -5, currency: 'EUR' } }],
    ['a fractional amount', { ...chargeRequest(), amount: { amount: 1.5, currency: 'EUR' } }],
    ['a lower-case currency', { ...chargeRequest(), amount: { amount: 100, currency: 'eur' } }],
    ['an empty idempotency key', { ...chargeRequest(), idempotencyKey: '' }],
  ])('answers a request with %s as malformed and stores nothing', async (_, request) => {
    const [before] = await payments.query<{ n: number }>(sql`select count(*)::int as n from payments.payment_intents`);
    expect(await payments.charge(request)).toMatchObject({ ok: false, error: 'MALFORMED_REQUEST' });
    const [after] = await payments.query<{ n: number }>(sql`select count(*)::int as n from payments.payment_intents`);
    expect(after).toEqual(before);
  });
});
