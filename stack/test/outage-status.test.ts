import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { modes, startTestStack, waitFor, type TestStack } from './support/harness.js';
import { findScreening } from './support/builders.js';
import { CheckoutDocument, LockSeatsDocument } from './support/documents.js';

// A request that a dependency's outage kept from doing anything is a
// retryable SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, never an
// INTERNAL_SERVER_ERROR. Here payments is taken away from a running stack.
describe.each(modes)('answers during an outage (%s)', (mode) => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
  });
  afterAll(() => t?.dispose());

  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> },
    };
  };

  it('answers 503 with Retry-After when nothing could be done, and 200 for a partial result', async () => {
    const { showId, seatIds } = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
    const user = await t.register();
    const held = await t.gql(LockSeatsDocument, { input: { showId, seatIds: [seatIds[0]!] } }, user.token);
    const holdId = held.data!.lockSeats.id;
    const bookedHold = await t.gql(LockSeatsDocument, { input: { showId, seatIds: [seatIds[1]!] } }, user.token);
    const booked = await t.gql(
      CheckoutDocument,
      {
        input: {
          holdId: bookedHold.data!.lockSeats.id,
          paymentMethod: { token: 'tok_visa' },
          idempotencyKey: randomUUID(),
        },
      },
      user.token,
    );
    const bookingId = booked.data!.checkout.id;

    await t.stack.subgraphs.payments!.dispose();

    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
    const checkout = await post(print(CheckoutDocument), { input }, user.token);
    expect(checkout.status).toBe(503);
    expect(checkout.retryAfter).toBe('5');
    expect(checkout.body.data).toBeNull();
    expect(checkout.body.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 }),
    ]);

    // The payments subgraph itself is gone: a booking's payment fails as unavailable, the rest is served.
    const partial = await post(
      `query ($id: ID!) { booking(id: $id) { id status payment { status } } }`,
      { id: bookingId },
      user.token,
    );
    expect(partial.status).toBe(200);
    expect(partial.body.data).toEqual({ booking: { id: bookingId, status: 'CONFIRMED', payment: null } });
    expect(partial.body.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
  });
});
