import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { countQueries, createAdmin, document, modes, waitFor } from '@seats/testkit';
import {
  bookingConfirmed,
  registerRecipient,
  startNotifications,
  userRegistered,
  type NotificationsHarness,
} from './support/notifications.js';

const userNotifications = document<
  { _entities: Array<{ id: string; notifications: Array<{ body: string; createdAt: string }> } | null> },
  { reps: Array<{ __typename: 'User'; id: string }>; first?: number }
>(`query ($reps: [_Any!]!, $first: Int) {
  _entities(representations: $reps) { ... on User { id notifications(first: $first) { body createdAt } } }
}`);

/**
 * One `_entities` call with N users costs the same number of statements as
 * with one: each user's page of notifications comes from one windowed
 * statement for all of them.
 */
describe.each(modes)('User.notifications batched per request (%s)', (mode) => {
  let notifications: NotificationsHarness;
  const admin = createAdmin();
  const users = [userRegistered('Ada'), userRegistered('Grace'), userRegistered('Edsger')];
  /** Each user's booking ids, oldest first. */
  const bookingsOf = new Map<string, string[]>();

  beforeAll(async () => {
    notifications = await startNotifications(mode);
    for (const user of users) await registerRecipient(notifications, user);
    // 1, 2 and 3 notifications, one at a time so that "newest first" is observable.
    for (const [i, user] of users.entries()) {
      const ids: string[] = [];
      for (let n = 0; n <= i; n++) {
        const booking = bookingConfirmed(user.userId);
        ids.push(booking.bookingId);
        await notifications.publish('BookingConfirmed', booking);
        await waitFor(
          async () =>
            (await notifications.query(sql`select 1 from notifications.notifications where user_id = ${user.userId}`))
              .length ===
            n + 1,
        );
      }
      bookingsOf.set(user.userId, ids);
    }
  });
  afterAll(() => notifications?.dispose());

  const read = async (ids: readonly string[], first?: number) => {
    const reps = ids.map((id) => ({ __typename: 'User' as const, id }));
    const vars = first === undefined ? { reps } : { reps, first };
    const { result, queries } = await countQueries(() => notifications.gql(userNotifications, vars, admin));
    expect(result.errors).toBeUndefined();
    const pages = (result.data?._entities ?? []).map((user) =>
      (user?.notifications ?? []).map((n) => [...bookingsOf.values()].flat().find((id) => n.body.includes(id))),
    );
    return { pages, statements: queries.length };
  };

  it("reads N users' notifications in one statement, as one user's, newest first", async () => {
    const one = await read([users[0]!.userId]);
    const many = await read([...users.map((u) => u.userId.toUpperCase()), randomUUID(), 'not-a-user']);
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(one.statements);
    expect(many.pages).toEqual([...users.map((u) => [...(bookingsOf.get(u.userId) ?? [])].reverse()), [], []]);
  });

  it('keeps `first` per user when reading several', async () => {
    const many = await read(
      users.map((u) => u.userId),
      2,
    );
    expect(many.statements).toBe(1);
    expect(many.pages.map((page) => page.length)).toEqual([1, 2, 2]);
    const newest = (userId: string) => [...(bookingsOf.get(userId) ?? [])].reverse().slice(0, 2);
    expect(many.pages).toEqual(users.map((u) => newest(u.userId)));
  });
});
