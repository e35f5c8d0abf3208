import type { TestStack } from './harness.js';
import { MoviesDocument, ShowDocument, TrainsDocument } from './documents.js';

/** The first upcoming screening of the seeded small screen, with its seats. */
export async function findScreening(
  t: TestStack,
): Promise<{ showId: string; seatIds: string[]; seatCodes: string[]; version: number }> {
  const movies = await t.gql(MoviesDocument, { first: 20 });
  for (const edge of movies.data?.movies.edges ?? []) {
    for (const show of edge.node.shows) {
      const detail = await t.gql(ShowDocument, { id: show.id });
      const map = detail.data?.show?.seatMap;
      if (map && map.seats.length > 0 && map.seats.length < 1000) {
        const seatIds = map.seats.map((s) => s.id);
        return { showId: show.id, seatIds, seatCodes: map.seats.map((s) => s.code), version: map.version };
      }
    }
  }
  throw new Error('no seeded screening with a seat map');
}

/** The first upcoming trip with its stop count and seats. */
export async function findTrip(
  t: TestStack,
): Promise<{ showId: string; stops: number; seatIds: string[]; seatCodes: string[] }> {
  const trains = await t.gql(TrainsDocument);
  for (const edge of trains.data?.trains.edges ?? []) {
    for (const show of edge.node.shows) {
      const detail = await t.gql(ShowDocument, { id: show.id });
      const s = detail.data?.show;
      if (s && s.stops.length >= 3 && s.seatMap.seats.length > 0) {
        const seats = s.seatMap.seats;
        return {
          showId: s.id,
          stops: s.stops.length,
          seatIds: seats.map((x) => x.id),
          seatCodes: seats.map((x) => x.code),
        };
      }
    }
  }
  throw new Error('no seeded trip with a seat map');
}

/** The error codes of a result, in order. */
export const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  (result.errors ?? []).map((e) => e.extensions?.code as string);
