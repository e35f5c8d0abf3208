import type { TestStack } from '../harness.js';
import { MoviesDocument, ShowDocument } from '../documents.js';
import type { Screening } from './seat-pool.js';

/**
 * Up to `count` seeded screenings of the small screen with their seats
 * (as `findScreening` picks one), once bookings has every one's seat map;
 * empty while it has none yet.
 */
export async function findScreenings(t: TestStack, count: number): Promise<Screening[]> {
  const movies = await t.gql(MoviesDocument, { first: 20 });
  const found: Screening[] = [];
  for (const show of (movies.data?.movies.edges ?? []).flatMap((edge) => edge.node.shows)) {
    if (found.length === count) break;
    const seats = (await t.gql(ShowDocument, { id: show.id })).data?.show?.seatMap.seats ?? [];
    if (seats.length > 0 && seats.length < 1000) found.push({ showId: show.id, seatIds: seats.map((s) => s.id) });
  }
  return found;
}
