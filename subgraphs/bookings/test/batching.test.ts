import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import {
  countQueries,
  createShow,
  createUser,
  document,
  holdSeats,
  modes,
  waitFor,
  type SeededShow,
} from '@seats/testkit';
import { openBooking, startBookings, startShow, type BookingsHarness } from './support/bookings.js';

const showEntities = document<
  { _entities: Array<{ seatsFree: number; seatMap: { seats: Array<{ status: string }> } } | null> },
  { reps: Array<Record<string, unknown>> }
>(`query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Show { seatsFree seatMap { version seats { code status price { amount } } } } }
}`);

const compactMap = document<
  { _entities: Array<{ seatMap: { version: number; statuses: string } } | null> },
  { reps: Array<Record<string, unknown>> }
>('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Show { seatMap { version statuses } } } }');

const tripEntities = document<
  { _entities: Array<{ seatsFree: number } | null> },
  { reps: Array<Record<string, unknown>> }
>('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Trip { seatsFree } } }');

const userBookings = document<
  { _entities: Array<{ bookings: { edges: Array<{ node: { seats: Array<{ code: string }> } }> } } | null> },
  { reps: Array<Record<string, unknown>> }
>(`query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on User { bookings(first: 10) { edges { node { status seats { code status } } } } } }
}`);

/**
 * One `_entities` call with N representations costs the same number of
 * statements as with one: every per-parent read goes through the
 * request's loaders.
 */
describe.each(modes)('reads batched per request (%s)', (mode) => {
  let bookings: BookingsHarness;
  let shows: SeededShow[];
  let trip: SeededShow;

  beforeAll(async () => {
    bookings = await startBookings(mode);
    shows = [];
    for (let i = 0; i < 6; i++) shows.push(await startShow(bookings));
    trip = await startShow(bookings, { kind: 'TRIP', stops: 5 });
    // Some claims, so the claims and counts have rows to read.
    for (const show of shows) await holdSeats(bookings.gql, createUser(), { showId: show.showId, seatIds: ['A1'] });
  });
  afterAll(() => bookings?.dispose());

  const statements = async (run: () => Promise<{ errors?: readonly unknown[] }>) => {
    const { result, queries } = await countQueries(run);
    expect(result.errors).toBeUndefined();
    return queries.length;
  };

  it('reads the seat maps and counts of N shows in as many statements as one', async () => {
    const reps = (n: number) => shows.slice(0, n).map((s) => ({ __typename: 'Show', id: s.showId }));
    // Fresh shows' layouts and prices are read once and then cached per process: warm them first.
    await bookings.gql(showEntities, { reps: reps(6) });
    const one = await statements(() => bookings.gql(showEntities, { reps: reps(1) }));
    const six = await statements(() => bookings.gql(showEntities, { reps: reps(6) }));
    expect(six).toBe(one);
    expect(one).toBeLessThanOrEqual(3);
  });

  it('reads the layouts and prices of N shows new to the process in one statement each', async () => {
    // Published without a read through the API, so their layouts and prices are not cached yet.
    const cold = async () => {
      const show = await createShow(bookings.bus);
      await waitFor(
        async () =>
          (await bookings.query(sql`select 1 from bookings.show_prices where show_id = ${show.showId}`)).length > 0,
      );
      return { __typename: 'Show', id: show.showId };
    };
    const first = await cold();
    const one = await statements(() => bookings.gql(showEntities, { reps: [first] }));
    const reps = [await cold(), await cold(), await cold(), await cold()];
    const four = await statements(() => bookings.gql(showEntities, { reps }));
    expect(four).toBe(one);
    expect(four).toBeLessThanOrEqual(5);
  });

  it('reads the holds of a seat map once per version: later readers of that version read only the show', async () => {
    const show = shows[0]!;
    const reps = [{ __typename: 'Show', id: show.showId }];
    await bookings.gql(compactMap, { reps });
    // Same version: the statuses this process computed are reused.
    expect(await statements(() => bookings.gql(compactMap, { reps }))).toBe(1);
    const before = (await bookings.gql(compactMap, { reps })).data!._entities[0]!.seatMap;
    await holdSeats(bookings.gql, createUser(), { showId: show.showId, seatIds: ['A2'] });
    // A new version: its statuses are read once more (the show, then its holds).
    expect(await statements(() => bookings.gql(compactMap, { reps }))).toBe(2);
    const after = (await bookings.gql(compactMap, { reps })).data!._entities[0]!.seatMap;
    expect(after.version).toBeGreaterThan(before.version);
    expect([...after.statuses].filter((c, i) => c !== before.statuses[i])).toEqual(['H']);
  });

  it("counts free seats of N trips' leg ranges in as many statements as one", async () => {
    const ranges = [
      [0, 1],
      [0, 4],
      [1, 3],
      [2, 4],
      [3, 4],
    ] as const;
    const reps = (n: number) =>
      ranges.slice(0, n).map(([fromStop, toStop]) => ({ __typename: 'Trip', showId: trip.showId, fromStop, toStop }));
    const one = await statements(() => bookings.gql(tripEntities, { reps: reps(1) }));
    const five = await statements(() => bookings.gql(tripEntities, { reps: reps(5) }));
    expect(five).toBe(one);
  });

  it("reads N users' bookings and their seats in as many statements as one user's", async () => {
    const owners = [createUser(), createUser(), createUser()];
    for (const [i, owner] of owners.entries()) {
      for (const seat of ['B1', 'B2']) {
        const show = shows[i]!;
        const taken = await holdSeats(bookings.gql, owner, { showId: show.showId, seatIds: [seat] });
        await openBooking(bookings, owner, taken.id);
      }
    }
    const reps = (n: number) => owners.slice(0, n).map((o) => ({ __typename: 'User', id: o.userId }));
    const admin = { userId: randomUUID(), role: 'ADMIN' as const };
    const one = await statements(() => bookings.gql(userBookings, { reps: reps(1) }, admin));
    const three = await statements(() => bookings.gql(userBookings, { reps: reps(3) }, admin));
    expect(three).toBe(one);
    const result = await bookings.gql(userBookings, { reps: reps(3) }, admin);
    expect(result.data?._entities.map((u) => u?.bookings.edges.length)).toEqual([2, 2, 2]);
  });
});
