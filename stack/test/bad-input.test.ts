import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, findScreening } from './support/builders.js';
import {
  BookingDocument,
  CancelBookingDocument,
  CheckoutDocument,
  LockSeatsDocument,
  ReleaseSeatsDocument,
  ShowDocument,
} from './support/documents.js';

describe.each(modes)('bad input gets coded errors and changes nothing (%s)', (mode) => {
  let t: TestStack;
  let user: TestUser;
  let showId: string;
  let seatIds: string[];

  const counts = async () => {
    const [holds] = await t.query<{ n: number }>('bookings', sql`select count(*)::int as n from bookings.holds`);
    const [bookings] = await t.query<{ n: number }>('bookings', sql`select count(*)::int as n from bookings.bookings`);
    const [events] = await t.query<{ n: number }>('bookings', sql`select count(*)::int as n from bookings.outbox`);
    return { holds: holds!.n, bookings: bookings!.n, events: events!.n };
  };

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    user = await t.register();
    ({ showId, seatIds } = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200));
  });
  afterAll(() => t?.dispose());

  const lock = (input: Record<string, unknown>, token: string | null = user.token) =>
    t.gql(LockSeatsDocument, { input: input as never }, token ?? undefined);

  it.each([
    ['an unknown show', () => ({ showId: randomUUID(), seatIds: ['A1'] }), 'NOT_FOUND', undefined],
    [
      'a malformed show id',
      () => ({ showId: 'show-1; drop table', seatIds: ['A1'] }),
      'BAD_USER_INPUT',
      'input.showId',
    ],
    ['an empty seat list', () => ({ showId, seatIds: [] }), 'BAD_USER_INPUT', 'input.seatIds'],
    ['an unknown seat', () => ({ showId, seatIds: ['ZZ999'] }), 'BAD_USER_INPUT', 'input.seatIds'],
    ['a malformed seat id', () => ({ showId, seatIds: ["A1' or '1'='1"] }), 'BAD_USER_INPUT', 'input.seatIds'],
    ['a seat listed twice', () => ({ showId, seatIds: [seatIds[0], seatIds[0]] }), 'BAD_USER_INPUT', 'input.seatIds'],
    ['too many seats', () => ({ showId, seatIds: seatIds.slice(0, 11) }), 'BAD_USER_INPUT', 'input.seatIds'],
    [
      'stops on a screening',
      () => ({ showId, seatIds: [seatIds[0]], fromStop: 0, toStop: 1 }),
      'BAD_USER_INPUT',
      'input.fromStop',
    ],
  ])('refuses lockSeats for %s', async (_, input, code, field) => {
    const before = await counts();
    const result = await lock(input());
    expect(codes(result)).toEqual([code]);
    if (field) expect(result.errors![0]!.extensions!.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses lockSeats without a token', async () => {
    const before = await counts();
    expect(codes(await lock({ showId, seatIds: [seatIds[0]] }, null))).toEqual(['UNAUTHENTICATED']);
    expect(await counts()).toEqual(before);
  });

  it('refuses a forged token outright', async () => {
    const result = await lock({ showId, seatIds: [seatIds[0]] }, `${user.token.slice(0, -4)}AAAA`);
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers unknown and malformed ids on the other operations with codes', async () => {
    const before = await counts();
    const checkout = await t.gql(
      CheckoutDocument,
      { input: { holdId: randomUUID(), paymentMethod: { token: 'tok_visa' }, idempotencyKey: 'k1' } },
      user.token,
    );
    expect(codes(checkout)).toEqual(['NOT_FOUND']);
    const badKey = await t.gql(
      CheckoutDocument,
      { input: { holdId: randomUUID(), paymentMethod: { token: 'tok_visa' }, idempotencyKey: '' } },
      user.token,
    );
    expect(badKey.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    expect(codes(await t.gql(ReleaseSeatsDocument, { holdId: 'nope' }, user.token))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(ReleaseSeatsDocument, { holdId: randomUUID() }, user.token))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(CancelBookingDocument, { id: randomUUID() }, user.token))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(BookingDocument, { id: '12' }, user.token))).toEqual(['BAD_USER_INPUT']);
    expect((await t.gql(ShowDocument, { id: randomUUID() })).data!.show).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('refuses a forged bookings cursor before it reaches the database', async () => {
    const forged = Buffer.from(JSON.stringify(['not a date', 'not an id'])).toString('base64url');
    const result = await t.gql(
      `query ($after: String) { me { bookings(after: $after) { edges { cursor } } } }`,
      { after: forged },
      user.token,
    );
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers a malformed document with Apollo codes and no internals', async () => {
    const parse = await t.gql('query { show(id: "x") { id ');
    expect(codes(parse)).toEqual(['GRAPHQL_PARSE_FAILED']);
    const validation = await t.gql('query { show(id: 1) { nope } }');
    expect(codes(validation)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(validation)).not.toMatch(/stack|select |at Object/i);
  });
});
