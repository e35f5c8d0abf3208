/**
 * The notifications subgraph in-process on a mode's database and bus, with
 * its sender on short timings, and the event payloads its suites publish as
 * the users, bookings and payments subgraphs would.
 */
import { randomUUID } from 'node:crypto';
import { sql, type EventPayloads } from '@seats/platform';
import { startSubgraph, waitFor, type Mode, type SubgraphHarness } from '@seats/testkit';
import type { Context } from '../../src/context.js';
import type { DeliveryOptions } from '../../src/delivery.js';
import { createNotificationsSubgraph } from '../../src/index.js';

export type NotificationsHarness = SubgraphHarness<Context>;

/** Short timings, so retries happen within a test. */
export const fastDelivery: DeliveryOptions = { intervalMs: 100, retryBaseMs: 100, leaseMs: 10_000 };

/** Notifications with the fast sender; `env` adds SMTP_URL and MAIL_FROM, say. */
export function startNotifications(mode: Mode, env: Record<string, string> = {}): Promise<NotificationsHarness> {
  return startSubgraph(createNotificationsSubgraph(fastDelivery), { mode, env });
}

/** Publishes a user's registration and waits until notifications knows their address. */
export async function registerRecipient(
  notifications: NotificationsHarness,
  user: EventPayloads['UserRegistered'],
): Promise<void> {
  await notifications.publish('UserRegistered', user);
  await waitFor(
    async () =>
      (await notifications.query(sql`select 1 from notifications.recipients where user_id = ${user.userId}`)).length >
      0,
  );
}

/** A registered user's event payload. */
export function userRegistered(name = 'Ada Lovelace'): EventPayloads['UserRegistered'] {
  return { userId: randomUUID(), email: `user-${randomUUID()}@test.local`, name };
}

/** A confirmed booking of two seats for 24.50 EUR. */
export function bookingConfirmed(userId: string): EventPayloads['BookingConfirmed'] {
  return {
    bookingId: randomUUID(),
    userId,
    showId: randomUUID(),
    paymentId: randomUUID(),
    total: { amount: 2450, currency: 'EUR' },
    seatIds: ['F12', 'F13'],
    fromStop: null,
    toStop: null,
    version: 7,
  };
}
