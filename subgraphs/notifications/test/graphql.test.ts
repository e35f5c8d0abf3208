import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Identity } from '@seats/platform';
import { createAdmin, createUser, document, firstError, modes, waitFor } from '@seats/testkit';
import {
  bookingConfirmed,
  startNotifications,
  userRegistered,
  type NotificationsHarness,
} from './support/notifications.js';

interface NotificationView {
  id: string;
  kind: string;
  subject: string;
  body: string;
  sentAt: string | null;
  createdAt: string;
}

const userNotifications = document<
  { _entities: Array<{ id: string; notifications: NotificationView[] } | null> },
  { representations: Array<{ __typename: 'User'; id: string }>; first?: number }
>(`query ($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on User { id notifications(first: $first) { id kind subject body sentAt createdAt } }
  }
}`);

describe.each(modes)('User.notifications (%s)', (mode) => {
  let notifications: NotificationsHarness;
  const user = userRegistered();
  const owner: Identity = { userId: user.userId, role: 'USER' };
  const bookingIds: string[] = [];

  beforeAll(async () => {
    notifications = await startNotifications(mode);
    await notifications.publish('UserRegistered', user);
    for (let i = 0; i < 3; i++) {
      const booking = bookingConfirmed(user.userId);
      bookingIds.push(booking.bookingId);
      await notifications.publish('BookingConfirmed', booking);
      // Distinct creation times make "newest first" observable.
      await waitFor(async () => {
        const rows = await notifications.query(
          sql`select 1 from notifications.notifications where user_id = ${user.userId}`,
        );
        return rows.length === i + 1;
      });
    }
  });
  afterAll(() => notifications?.dispose());

  const notificationsOf = (userId: string, identity: Identity | null, first?: number) =>
    notifications.gql(
      userNotifications,
      { representations: [{ __typename: 'User', id: userId }], ...(first === undefined ? {} : { first }) },
      identity,
    );
  const listed = async (userId: string, identity: Identity | null, first?: number) =>
    (await notificationsOf(userId, identity, first)).data?._entities[0]?.notifications;

  it('lists the owner’s notifications, newest first', async () => {
    const result = await notificationsOf(user.userId, owner);
    expect(result.errors).toBeUndefined();
    const list = result.data?._entities[0]?.notifications ?? [];
    expect(list).toHaveLength(3);
    expect(list.map((n) => bookingIds.findIndex((id) => n.body.includes(id)))).toEqual([2, 1, 0]);
    expect(list.every((n) => n.sentAt === null)).toBe(true);
  });

  it('honours first', async () => {
    expect(await listed(user.userId, owner, 2)).toHaveLength(2);
  });

  it('lets an admin read any user’s notifications', async () => {
    expect(await listed(user.userId, createAdmin())).toHaveLength(3);
  });

  it('refuses other users with FORBIDDEN and anonymous callers with UNAUTHENTICATED', async () => {
    const other = await notificationsOf(user.userId, createUser());
    expect(firstError(other)?.code).toBe('FORBIDDEN');
    const anonymous = await notificationsOf(user.userId, null);
    expect(firstError(anonymous)?.code).toBe('UNAUTHENTICATED');
  });

  it.each([0, 101, -1])('refuses first = %i with BAD_USER_INPUT', async (first) => {
    const result = await notificationsOf(user.userId, owner, first);
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
