import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, findTrip } from './support/builders.js';
import { LockSeatsDocument, MoviesDocument, ReleaseSeatsDocument } from './support/documents.js';

const SeatIdsDocument = graphql(`
  query SeatIds($id: ID!, $fromStop: Int, $toStop: Int) {
    show(id: $id) {
      id
      seatMap(fromStop: $fromStop, toStop: $toStop) {
        id
        version
        seats {
          id
          code
          status
        }
      }
    }
  }
`);

type SeatMap = { id: string; seats: Array<{ id: string; code: string; status: string }> };

// Normalising client caches (Apollo Client, urql graphcache, Relay) keep one
// object per __typename and id: an id shared by two shows' seats would show
// one show's statuses on the other's map.
describe.each(modes)('seat and seat-map ids are unique across the API (%s)', (mode) => {
  let t: TestStack;
  let alice: TestUser;
  let first: { showId: string; map: SeatMap };
  let second: { showId: string; map: SeatMap };

  const mapOf = async (showId: string, legs: { fromStop?: number; toStop?: number } = {}): Promise<SeatMap> => {
    const result = await t.gql(SeatIdsDocument, { id: showId, ...legs });
    return result.data!.show!.seatMap;
  };

  /** Two screenings on the seeded small screen: the same layout, so the same seat codes. */
  async function twoScreenings(): Promise<Array<{ showId: string; map: SeatMap }>> {
    const movies = await t.gql(MoviesDocument, { first: 20 });
    const found: Array<{ showId: string; map: SeatMap }> = [];
    for (const show of movies.data!.movies.edges.flatMap((e) => e.node.shows)) {
      const map = await mapOf(show.id);
      if (map.seats.length > 0 && map.seats.length < 1000) found.push({ showId: show.id, map });
      if (found.length === 2) return found;
    }
    throw new Error('fewer than two seeded screenings on the small screen');
  }

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    alice = await t.register('Alice');
    [first, second] = (await waitFor(() => twoScreenings().catch(() => null), 20_000, 200)) as [
      typeof first,
      typeof first,
    ];
  });
  afterAll(() => t?.dispose());

  it('gives the same seat of two shows different ids and the same code', async () => {
    const ids = new Set(first.map.seats.map((s) => s.id));
    expect(second.map.seats.some((s) => ids.has(s.id))).toBe(false);
    expect(second.map.seats.map((s) => s.code)).toEqual(first.map.seats.map((s) => s.code));
    expect(first.map.id).not.toBe(second.map.id);
  });

  it('gives a trip seat an id per legs, since its status and price are per legs', async () => {
    const trip = await findTrip(t);
    const whole = await mapOf(trip.showId);
    const firstLeg = await mapOf(trip.showId, { fromStop: 0, toStop: 1 });
    expect(firstLeg.id).not.toBe(whole.id);
    expect(firstLeg.seats[0]!.code).toBe(whole.seats[0]!.code);
    expect(firstLeg.seats[0]!.id).not.toBe(whole.seats[0]!.id);
  });

  it('holds seats named by their ids from the map, and by their codes', async () => {
    const [byId, byCode] = first.map.seats.slice(0, 2);
    const held = await t.gql(
      LockSeatsDocument,
      { input: { showId: first.showId, seatIds: [byId!.id, byCode!.code] } },
      alice.token,
    );
    expect(held.errors).toBeUndefined();
    expect(held.data!.lockSeats.seats.map((s) => s.id)).toEqual([byId!.id, byCode!.id]);
    const after = await mapOf(first.showId);
    expect(after.seats.filter((s) => s.status === 'HELD').map((s) => s.id)).toEqual([byId!.id, byCode!.id]);
    await t.gql(ReleaseSeatsDocument, { holdId: held.data!.lockSeats.id }, alice.token);
  });

  it('names taken seats back as the client named them', async () => {
    const [seat] = first.map.seats.slice(2, 3);
    const bob = await t.register('Bob');
    const held = await t.gql(LockSeatsDocument, { input: { showId: first.showId, seatIds: [seat!.code] } }, bob.token);
    expect(held.errors).toBeUndefined();
    const refused = await t.gql(
      LockSeatsDocument,
      { input: { showId: first.showId, seatIds: [seat!.id] } },
      alice.token,
    );
    expect(codes(refused)).toEqual(['SEATS_UNAVAILABLE']);
    expect(refused.errors![0]!.extensions!.seatIds).toEqual([seat!.id]);
    await t.gql(ReleaseSeatsDocument, { holdId: held.data!.lockSeats.id }, bob.token);
  });

  it.each([
    ['a seat id of another show', () => second.map.seats[5]!.id],
    ['a malformed seat id', () => `${first.showId}:E7:x`],
  ])('refuses %s: BAD_USER_INPUT on input.seatIds, nothing held', async (_name, seatId) => {
    const refused = await t.gql(
      LockSeatsDocument,
      { input: { showId: first.showId, seatIds: [first.map.seats[6]!.id, seatId()] } },
      alice.token,
    );
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions!.field).toBe('input.seatIds');
    const after = await mapOf(first.showId);
    expect(after.seats[6]!.status).toBe('AVAILABLE');
  });
});
