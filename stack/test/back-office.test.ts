import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, startTestStack, type TestStack, type TestUser } from './support/harness.js';
import { codes, createScreening } from './support/builders.js';

interface BookingPage {
  bookings: {
    edges: Array<{ cursor: string; node: { id: string; status: string; user: { id: string } } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const listBookings = `query List($filter: BookingFilter, $first: Int, $after: String) {
  bookings(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id status user { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const salesOf = `query Sales($id: ID!) {
  show(id: $id) {
    sales { seats sold held free revenue { amount currency } byCategory { category sold revenue { amount } } }
  }
}`;

describe.each(modes)('the back office: bookings and sales (%s)', (mode) => {
  let t: TestStack;
  let admin: string;
  let ada: TestUser;
  let bob: TestUser;
  let showId: string;
  /** Ada's three bookings and Bob's one, oldest first; Ada's second one is cancelled. */
  const booked: Array<{ id: string; user: TestUser }> = [];
  let startedAt: string;

  const book = async (user: TestUser, seatIds: string[]) => {
    const held = await t.gql<{ lockSeats: { id: string } }>(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      { input: { showId, seatIds } },
      user.token,
    );
    expect(held.errors).toBeUndefined();
    const paid = await t.gql<{ checkout: { id: string; status: string } }>(
      'mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }',
      {
        input: {
          holdId: held.data!.lockSeats.id,
          paymentMethod: { token: 'tok_visa' },
          idempotencyKey: randomUUID(),
        },
      },
      user.token,
    );
    expect(paid.data?.checkout.status).toBe('CONFIRMED');
    booked.push({ id: paid.data!.checkout.id, user });
  };

  beforeAll(async () => {
    t = await startTestStack(mode);
    admin = await t.adminToken();
    [ada, bob] = await Promise.all([t.register('Ada'), t.register('Bob')]);
    showId = await createScreening(t, admin, `Office ${randomBytes(4).toString('hex')}`);
    startedAt = new Date().toISOString();
    await book(ada, ['A1', 'A2']);
    await book(ada, ['B1']);
    await book(bob, ['G1', 'G2']);
    await book(ada, ['C1']);
    const cancelled = await t.gql(
      'mutation($id: ID!) { cancelBooking(id: $id) { status } }',
      { id: booked[1]!.id },
      ada.token,
    );
    expect(cancelled.errors).toBeUndefined();
    // And a hold that is not paid for yet.
    const held = await t.gql(
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      {
        input: { showId, seatIds: ['D1', 'D2', 'D3'] },
      },
      bob.token,
    );
    expect(held.errors).toBeUndefined();
  });
  afterAll(() => t?.dispose());

  /** Lists as the admin, as another user, or (null) signed out. */
  const list = (variables: Record<string, unknown>, token: string | null = admin) =>
    t.gql<BookingPage>(listBookings, variables, token ?? undefined);
  const ids = (page: { data?: BookingPage | null }) => page.data!.bookings.edges.map((e) => e.node.id);

  it("lists a show's bookings newest first, a page at a time", async () => {
    const first = await list({ filter: { showId }, first: 3 });
    expect(first.errors).toBeUndefined();
    expect(ids(first)).toEqual(
      booked
        .map((b) => b.id)
        .reverse()
        .slice(0, 3),
    );
    expect(first.data!.bookings.pageInfo.hasNextPage).toBe(true);
    const rest = await list({ filter: { showId }, first: 3, after: first.data!.bookings.pageInfo.endCursor });
    expect(ids(rest)).toEqual([booked[0]!.id]);
    expect(rest.data!.bookings.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by status, by customer (found by email) and by when they were made', async () => {
    const cancelled = await list({ filter: { showId, status: 'CANCELLED' } });
    expect(ids(cancelled)).toEqual([booked[1]!.id]);

    const found = await t.gql<{ userByEmail: { id: string } | null }>(
      'query($email: String!) { userByEmail(email: $email) { id } }',
      { email: bob.email.toUpperCase() },
      admin,
    );
    expect(found.data!.userByEmail?.id).toBe(bob.userId);
    const bobs = await list({ filter: { showId, userId: bob.userId } });
    expect(ids(bobs)).toEqual([booked[2]!.id]);
    expect(bobs.data!.bookings.edges[0]!.node.user.id).toBe(bob.userId);

    const later = await list({ filter: { showId, createdFrom: new Date(Date.now() + 60_000).toISOString() } });
    expect(ids(later)).toEqual([]);
    const since = await list({ filter: { showId, status: 'CONFIRMED', createdFrom: startedAt } });
    expect(ids(since)).toHaveLength(3);
    const before = await list({ filter: { showId, createdBefore: startedAt } });
    expect(ids(before)).toEqual([]);
  });

  it('counts what a show sold and holds, and its revenue by category', async () => {
    const result = await t.gql<{ show: { sales: unknown } }>(salesOf, { id: showId }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data!.show.sales).toEqual({
      seats: 70,
      sold: 5,
      held: 3,
      free: 62,
      revenue: { amount: 2 * 1000 + 2 * 1500 + 1000, currency: 'EUR' },
      byCategory: [
        { category: 'PREMIUM', sold: 2, revenue: { amount: 3000 } },
        { category: 'STANDARD', sold: 3, revenue: { amount: 3000 } },
      ],
    });
  });

  it('is for admins only', async () => {
    expect(codes(await list({ filter: { showId } }, ada.token))).toEqual(['FORBIDDEN']);
    expect(codes(await list({ filter: { showId } }, null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(salesOf, { id: showId }, ada.token))).toEqual(['FORBIDDEN']);
    const lookup = await t.gql('query($e: String!) { userByEmail(email: $e) { id } }', { e: bob.email }, ada.token);
    expect(codes(lookup)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['a show id that is not one', { filter: { showId: 'show-1' } }, 'filter.showId'],
    ['a customer id that is not one', { filter: { userId: '42' } }, 'filter.userId'],
    ['a time that is not ISO-8601', { filter: { createdFrom: 'yesterday' } }, 'filter.createdFrom'],
    [
      'an empty time range',
      { filter: { createdFrom: '2030-01-02T00:00:00Z', createdBefore: '2030-01-01T00:00:00Z' } },
      'filter.createdBefore',
    ],
    ['a page of none', { first: 0 }, 'first'],
    ['a cursor of its own making', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
  ])('refuses %s with a coded error', async (_, variables, field) => {
    const result = await list(variables);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions?.field).toBe(field);
  });
});
