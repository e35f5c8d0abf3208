import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql, subgraphNames } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { findScreening } from './support/builders.js';
import { CheckoutDocument, LockSeatsDocument } from './support/documents.js';
import { PrivateNatsServer } from './support/nats-server.js';

// Only services mode has a NATS server to lose; this suite restarts a private
// one with its store emptied. Without the services' URLs it is skipped (under
// CI the harness refuses to run without them).
describe.skipIf(!modes.includes('services'))('NATS restarted without its data (services)', () => {
  let nats: PrivateNatsServer;
  let t: TestStack;

  beforeAll(async () => {
    nats = await PrivateNatsServer.start();
    t = await startTestStack('services', { seed: true, natsUrl: nats.url });
  });
  afterAll(async () => {
    await nats?.resume();
    await t?.dispose();
    await nats?.dispose();
  });

  /** Holds one free seat and pays for it; the booking's id. */
  const book = async (user: TestUser, showId: string, seatId: string) => {
    const held = await t.gql(LockSeatsDocument, { input: { showId, seatIds: [seatId] } }, user.token);
    expect(held.errors).toBeUndefined();
    const input = {
      holdId: held.data!.lockSeats.id,
      paymentMethod: { token: 'tok_visa' },
      idempotencyKey: randomUUID(),
    };
    const paid = await t.gql(CheckoutDocument, { input }, user.token);
    expect(paid.data?.checkout.status).toBe('CONFIRMED');
    return paid.data!.checkout.id;
  };
  /** The user's BookingConfirmed notifications. */
  const notified = async (user: TestUser) =>
    (
      await t.query(
        'notifications',
        sql`select id from notifications.notifications where kind = 'BookingConfirmed' and user_id = ${user.userId}`,
      )
    ).length;
  const readiness = async () =>
    Promise.all(
      Object.values(t.stack.subgraphs).map(async (running) => {
        const response = await fetch(new URL('/readyz', running.url.replace(/\/graphql$/, '')));
        return response.status;
      }),
    );

  it('recreates the stream and the durable consumers, relays what waited, and is ready again', async () => {
    const { showId, seatIds } = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
    const user = await t.register();
    await book(user, showId, seatIds[0]!);
    await waitFor(async () => (await notified(user)) === 1, 20_000, 100);

    await nats.loseData();
    await nats.resume();
    // Once every part has its connection back: request/reply needs no stream, so the sale goes on.
    await waitFor(async () => (await readiness()).every((status) => status === 200), 30_000, 200);
    await book(user, showId, seatIds[1]!);
    // The relays recreate the stream, the consumers their durables; the notification follows.
    await waitFor(async () => (await notified(user)) === 2, 30_000, 200);
    await waitFor(async () => (await readiness()).every((status) => status === 200), 30_000, 200);
    expect(await readiness()).toEqual(subgraphNames.map(() => 200));
    expect(await notified(user)).toBe(2);
  });
});
