import { waitFor, type TestStack } from './harness.js';
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

/**
 * A new screening an hour from now, in a new cinema (`name`) of seven rows
 * A-G of ten seats with an aisle after seat 4 (or of `rowNames` rows of
 * `seatsPerRow`): G PREMIUM at 15.00, the others STANDARD at 10.00.
 * Resolves once bookings knows its seats.
 */
export async function createScreening(
  t: TestStack,
  adminToken: string,
  name: string,
  { rowNames = ['A', 'B', 'C', 'D', 'E', 'F', 'G'], seatsPerRow = 10 } = {},
): Promise<string> {
  const rows = rowNames.map((row) => ({
    row,
    from: 1,
    to: seatsPerRow,
    category: row === 'G' ? 'PREMIUM' : 'STANDARD',
    aislesAfter: seatsPerRow > 4 ? [4] : [],
  }));
  const venue = await t.gql<{ createVenue: { screens: Array<{ id: string }> } }>(
    'mutation($input: CreateVenueInput!) { createVenue(input: $input) { screens { id } } }',
    { input: { name, city: 'Kiel', address: 'Kai 1', screens: [{ name: 'One', rows }] } },
    adminToken,
  );
  const movie = await t.gql<{ createMovie: { id: string } }>(
    'mutation($input: CreateMovieInput!) { createMovie(input: $input) { id } }',
    { input: { title: name, durationMinutes: 90 } },
    adminToken,
  );
  const input = {
    movieId: movie.data!.createMovie.id,
    screenId: venue.data!.createVenue.screens[0]!.id,
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    prices: [
      { category: 'STANDARD', amount: 1000 },
      { category: 'PREMIUM', amount: 1500 },
    ].filter((p) => rows.some((r) => r.category === p.category)),
  };
  // The schedule and then bookings learn of the new screen and show from events, a moment later.
  const scheduled = await waitFor(async () => {
    const sent = await t.gql<{ scheduleScreening: { id: string } }>(
      'mutation($input: ScheduleScreeningInput!) { scheduleScreening(input: $input) { id } }',
      { input },
      adminToken,
    );
    return codes(sent)[0] === 'NOT_FOUND' ? undefined : sent;
  }, 15_000);
  const showId = scheduled.data!.scheduleScreening.id;
  await waitFor(async () => {
    const seen = await t.gql<{ show: { seatsFree: number } | null }>(
      'query($id: ID!) { show(id: $id) { seatsFree } }',
      {
        id: showId,
      },
    );
    return seen.data?.show?.seatsFree === rows.length * seatsPerRow ? true : undefined;
  }, 15_000);
  return showId;
}
