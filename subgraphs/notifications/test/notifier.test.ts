import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, sql } from '@seats/platform';
import { busEvent, modes, waitFor } from '@seats/testkit';
import { notifierConsumer } from '../src/consumers.js';
import { NotificationService } from '../src/notifications.js';
import {
  bookingConfirmed,
  registerRecipient,
  startNotifications,
  userRegistered,
  type NotificationsHarness,
} from './support/notifications.js';

interface Row {
  kind: string;
  subject: string;
  body: string;
  sent_at: Date | null;
}

describe.each(modes)('storing notifications without SMTP (%s)', (mode) => {
  let notifications: NotificationsHarness;

  beforeAll(async () => {
    notifications = await startNotifications(mode);
  });
  afterAll(() => notifications?.dispose());

  const rowsOf = (userId: string) =>
    notifications.query<Row>(
      sql`select kind, subject, body, sent_at from notifications.notifications where user_id = ${userId} order by created_at`,
    );
  const registered = async () => {
    const user = userRegistered();
    await registerRecipient(notifications, user);
    return user;
  };

  it('stores a readable notification of a confirmed booking, unsent', async () => {
    const user = await registered();
    const booking = bookingConfirmed(user.userId);
    await notifications.publish('BookingConfirmed', booking);
    const [row] = await waitFor(async () => (await rowsOf(user.userId)).length === 1 && rowsOf(user.userId));
    expect(row).toMatchObject({ kind: 'BookingConfirmed', subject: 'Your booking is confirmed', sent_at: null });
    expect(row?.body).toContain(`Hello ${user.name},`);
    expect(row?.body).toContain(booking.bookingId);
    expect(row?.body).toContain('F12, F13');
    expect(row?.body).toContain('24.50 EUR');
  });

  it('stores one notification per user and event when the same event is delivered twice', async () => {
    const user = await registered();
    const event = busEvent('BookingCancelled', { ...bookingConfirmed(user.userId), cancelledBy: user.userId });
    // A second consumer on the same database stands in for a redelivery to another instance.
    const db = notifications.database.db;
    const second = notifierConsumer(db, new NotificationService(null));
    await Promise.all([dispatch(second, event), dispatch(second, event), notifications.bus.publish(event)]);
    await waitFor(async () => (await rowsOf(user.userId)).length === 1);
    // Even with its processed-events record gone, the unique (user, event) pair holds.
    await notifications.query(sql`delete from notifications.processed_events where event_id = ${event.id}`);
    await dispatch(second, event);
    expect(await rowsOf(user.userId)).toHaveLength(1);
  });

  it('notifies of cancellations, expiries, declined payments and refunds', async () => {
    const user = await registered();
    const { seatIds, fromStop, toStop, version, ...facts } = bookingConfirmed(user.userId);
    const payment = { paymentId: randomUUID(), bookingId: facts.bookingId, userId: user.userId, amount: facts.total };
    await notifications.publish('BookingCancelled', {
      ...facts,
      seatIds,
      fromStop,
      toStop,
      version,
      cancelledBy: user.userId,
    });
    await notifications.publish('BookingExpired', facts);
    await notifications.publish('PaymentFailed', { ...payment, reason: 'card_declined' });
    await notifications.publish('RefundIssued', { ...payment, refundId: randomUUID() });
    const rows = await waitFor(async () => (await rowsOf(user.userId)).length === 4 && rowsOf(user.userId));
    expect(rows.map((r) => r.kind).sort()).toEqual([
      'BookingCancelled',
      'BookingExpired',
      'PaymentFailed',
      'RefundIssued',
    ]);
    expect(rows.every((r) => r.body.includes('24.50 EUR') && r.sent_at === null)).toBe(true);
  });

  it('greets a user it has no address for yet without a name', async () => {
    const userId = randomUUID();
    await notifications.publish('BookingConfirmed', bookingConfirmed(userId));
    const [row] = await waitFor(async () => (await rowsOf(userId)).length === 1 && rowsOf(userId));
    expect(row?.body).toMatch(/^Hello,\n/);
  });

  it('ignores an event without a valid user id', async () => {
    const event = { ...bookingConfirmed(randomUUID()), userId: 'nobody' };
    const published = await notifications.publish('BookingConfirmed', event);
    // The bus parks it: it fails the contract, so no handler ever sees it.
    await waitFor(async () => notifications.bus.malformedEvents().payload === 1);
    expect(
      await notifications.query(sql`select 1 from notifications.processed_events where event_id = ${published.id}`),
    ).toEqual([]);
  });
});
