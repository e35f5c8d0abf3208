import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, waitFor } from '@seats/testkit';
import {
  bookingConfirmed,
  registerRecipient,
  startNotifications,
  userRegistered,
  type NotificationsHarness,
} from './support/notifications.js';
import { TestSmtpServer } from './support/smtp-server.js';

interface Row {
  sent_at: Date | null;
  attempts: number;
}

describe.each(modes)('mailing notifications over SMTP (%s)', (mode) => {
  let smtp: TestSmtpServer;
  let notifications: NotificationsHarness;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    notifications = await startNotifications(mode, { SMTP_URL: smtp.url, MAIL_FROM: 'Seats <mail@seats.test>' });
  });
  afterAll(async () => {
    await notifications?.dispose();
    await smtp?.close();
  });

  const rowOf = async (userId: string) =>
    (
      await notifications.query<Row>(
        sql`select sent_at, attempts from notifications.notifications where user_id = ${userId}`,
      )
    )[0];
  const mailTo = (email: string) => waitFor(async () => smtp.mails.find((m) => m.to.includes(email)));
  const registered = async () => {
    const user = userRegistered('Grace Hopper');
    await registerRecipient(notifications, user);
    return user;
  };

  it('mails a new notification and records when it was sent', async () => {
    const user = await registered();
    const booking = bookingConfirmed(user.userId);
    await notifications.publish('BookingConfirmed', booking);
    const mail = await mailTo(user.email);
    expect(mail.from).toBe('mail@seats.test');
    expect(mail.data).toContain('Subject: Your booking is confirmed');
    expect(mail.data).toContain(booking.bookingId);
    const row = await waitFor(async () => {
      const current = await rowOf(user.userId);
      return current?.sent_at ? current : undefined;
    });
    expect(row.attempts).toBe(1);
  });

  it('retries a mail the server refused', async () => {
    const user = await registered();
    smtp.refuseNext = 1;
    await notifications.publish('BookingConfirmed', bookingConfirmed(user.userId));
    await mailTo(user.email);
    const row = await waitFor(async () => {
      const current = await rowOf(user.userId);
      return current?.sent_at ? current : undefined;
    });
    expect(row.attempts).toBe(2);
    expect(smtp.mails.filter((m) => m.to.includes(user.email))).toHaveLength(1);
  });

  it('mails a notification once its recipient’s address is known', async () => {
    const user = userRegistered();
    await notifications.publish('BookingConfirmed', bookingConfirmed(user.userId));
    await waitFor(async () => (await rowOf(user.userId))?.attempts === 1);
    expect(smtp.mails.some((m) => m.to.includes(user.email))).toBe(false);
    await notifications.publish('UserRegistered', user);
    await mailTo(user.email);
    await waitFor(async () => (await rowOf(user.userId))?.sent_at);
  });

  it('mails each notification once: the retry worker leaves a mail under way alone', async () => {
    const user = await registered();
    await notifications.publish('BookingConfirmed', bookingConfirmed(user.userId));
    await mailTo(user.email);
    // Several sender passes run meanwhile (every 100 ms in these tests).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.filter((m) => m.to.includes(user.email))).toHaveLength(1);
    expect(await rowOf(user.userId)).toMatchObject({ attempts: 1 });
  });
});
