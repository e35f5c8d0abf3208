import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Identity } from '@seats/platform';
import { notificationsSubgraph } from '../src/index.js';
import { bookingConfirmed, NotificationsFixture, userRegistered, waitFor } from './support/instance.js';

// @apollo/subgraph builds its schema with the CommonJS build of graphql; executing it needs the same build.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const query = `query ($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) {
    ... on User { id notifications(first: $first) { id kind subject body sentAt createdAt } }
  }
}`;

describe('User.notifications', () => {
  let fixture: NotificationsFixture;
  let schema: GraphQLSchema;
  const user = userRegistered();
  const owner: Identity = { userId: user.userId, role: 'USER' };
  const bookingIds: string[] = [];

  beforeAll(async () => {
    fixture = await NotificationsFixture.start();
    schema = buildSubgraphSchema([
      {
        typeDefs: notificationsSubgraph.typeDefs,
        resolvers: fixture.parts.resolvers as never,
      },
    ]);
    await fixture.publish('UserRegistered', user);
    for (let i = 0; i < 3; i++) {
      const booking = bookingConfirmed(user.userId);
      bookingIds.push(booking.bookingId);
      await fixture.publish('BookingConfirmed', booking);
      // Distinct creation times make "newest first" observable.
      await waitFor(async () => {
        const rows = await fixture.query(sql`select 1 from notifications.notifications where user_id = ${user.userId}`);
        return rows.length === i + 1;
      });
    }
  });
  afterAll(() => fixture?.dispose());

  type Listed = { _entities: Array<{ notifications: Array<{ body: string; sentAt: unknown }> }> };
  const notificationsOf = (userId: string, identity: Identity | null, first?: number) =>
    graphql({
      schema,
      source: query,
      variableValues: {
        representations: [{ __typename: 'User', id: userId }],
        ...(first === undefined ? {} : { first }),
      },
      contextValue: fixture.context(identity),
    }) as Promise<ExecutionResult<Listed>>;

  it('lists the owner’s notifications, newest first', async () => {
    const result = await notificationsOf(user.userId, owner);
    expect(result.errors).toBeUndefined();
    const list = result.data!._entities[0]!.notifications;
    expect(list).toHaveLength(3);
    expect(list.map((n) => bookingIds.findIndex((id) => n.body.includes(id)))).toEqual([2, 1, 0]);
    expect(list.every((n) => n.sentAt === null)).toBe(true);
  });

  it('honours first', async () => {
    const result = await notificationsOf(user.userId, owner, 2);
    expect(result.data!._entities[0]!.notifications).toHaveLength(2);
  });

  it('lets an admin read any user’s notifications', async () => {
    const result = await notificationsOf(user.userId, { userId: randomUUID(), role: 'ADMIN' });
    expect(result.data!._entities[0]!.notifications).toHaveLength(3);
  });

  it('refuses other users with FORBIDDEN and anonymous callers with UNAUTHENTICATED', async () => {
    const other = await notificationsOf(user.userId, { userId: randomUUID(), role: 'USER' });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await notificationsOf(user.userId, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([0, 101, -1])('refuses first = %i with BAD_USER_INPUT', async (first) => {
    const result = await notificationsOf(user.userId, owner, first);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
