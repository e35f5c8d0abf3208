import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import type { CatalogFindMoviesQuery } from './generated/graphql.js';
import { modes, startTestStack, waitFor, type GqlResult, type TestStack, type TestUser } from './support/harness.js';
import { codes } from './support/builders.js';
import { CheckoutDocument, LockSeatsDocument } from './support/documents.js';

const VenueNamesDocument = graphql(`
  query VenueNames {
    venues {
      name
    }
  }
`);

const CreateCinemaDocument = graphql(`
  mutation CatalogCreateCinema($input: CreateVenueInput!) {
    createVenue(input: $input) {
      id
      screens {
        id
        seatCount
        layout {
          code
          x
          y
          accessible
          position
        }
      }
    }
  }
`);

const CreateFilmDocument = graphql(`
  mutation CatalogCreateFilm($input: CreateMovieInput!) {
    createMovie(input: $input) {
      id
    }
  }
`);

const ScheduleFilmDocument = graphql(`
  mutation CatalogScheduleScreening($input: ScheduleScreeningInput!) {
    scheduleScreening(input: $input) {
      id
    }
  }
`);

const FindFilmsDocument = graphql(`
  query CatalogFindMovies($first: Int, $after: String, $titleContains: String, $genre: String) {
    movies(first: $first, after: $after, titleContains: $titleContains, genre: $genre) {
      edges {
        node {
          id
          title
          shows {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SeatsOfShowDocument = graphql(`
  query CatalogSeatsOfShow($id: ID!, $fromStop: Int, $toStop: Int) {
    show(id: $id) {
      seatsFree(fromStop: $fromStop, toStop: $toStop)
      seatMap(fromStop: $fromStop, toStop: $toStop) {
        seats {
          code
          x
          y
          accessible
          status
        }
      }
    }
  }
`);

const CreateRailwayDocument = graphql(`
  mutation CatalogCreateTrain($input: CreateTrainInput!) {
    createTrain(input: $input) {
      id
      stations {
        id
      }
      seats {
        id
        position
      }
    }
  }
`);

const ScheduleRailwayDocument = graphql(`
  mutation CatalogScheduleTrip($input: ScheduleTripInput!) {
    scheduleTrip(input: $input) {
      id
    }
  }
`);

const FindTripsDocument = graphql(`
  query CatalogFindTrips($from: ID!, $to: ID!, $date: String!) {
    trips(from: $from, to: $to, date: $date) {
      showId
      fromStop
      toStop
      seatsFree
    }
  }
`);

const letter = (n: number) => String.fromCharCode(65 + Math.floor(n));
const inAnHour = () => new Date(Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000);

describe.each(modes)('building and selling a new cinema and train through the gateway (%s)', (mode) => {
  let t: TestStack;
  let admin: string;
  let client: TestUser;
  const tag = randomBytes(4).toString('hex');

  beforeAll(async () => {
    t = await startTestStack(mode);
    admin = await t.adminToken();
    client = await t.register();
  });
  afterAll(() => t?.dispose());

  /** Retries an admin mutation while the schedule has not heard of the catalog's new entries. */
  const untilKnown = <T>(send: () => Promise<GqlResult<T>>) =>
    waitFor(async () => {
      const result = await send();
      return codes(result)[0] === 'NOT_FOUND' ? undefined : result;
    }, 15_000);

  const book = async (input: { showId: string; seatIds: string[]; fromStop?: number; toStop?: number }) => {
    const held = await t.gql(LockSeatsDocument, { input }, client.token);
    expect(held.errors).toBeUndefined();
    const paid = await t.gql(
      CheckoutDocument,
      {
        input: { holdId: held.data!.lockSeats.id, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() },
      },
      client.token,
    );
    expect(paid.errors).toBeUndefined();
    return paid.data!.checkout;
  };

  it('schedules a screening in a new cinema that a client finds, sees as drawn and books', async () => {
    const rows = [
      {
        row: 'A',
        ranges: [
          { from: 1, to: 2, category: 'STANDARD', accessible: true },
          { from: 5, to: 8, category: 'STANDARD' },
        ],
        aislesAfter: [6],
      },
      { row: 'B', from: 1, to: 8, category: 'PREMIUM', aislesAfter: [4], aisleBefore: true },
    ];
    const input = { name: `Lido ${tag}`, city: 'Kiel', address: 'Kai 3', screens: [{ name: 'Blue', rows }] };
    const venue = await t.gql(CreateCinemaDocument, { input }, admin);
    expect(venue.errors).toBeUndefined();
    const screen = venue.data!.createVenue.screens[0]!;
    expect(screen.seatCount).toBe(14);
    expect(screen.layout.filter((s) => s.position === 'AISLE').map((s) => s.code)).toEqual(['A6', 'A7', 'B4', 'B5']);

    const movie = await t.gql(CreateFilmDocument, { input: { title: `Tidewater ${tag}`, durationMinutes: 80 } }, admin);
    const scheduled = await untilKnown(() =>
      t.gql(
        ScheduleFilmDocument,
        {
          input: {
            movieId: movie.data!.createMovie.id,
            screenId: screen.id,
            startsAt: inAnHour().toISOString(),
            prices: [
              { category: 'STANDARD', amount: 1000 },
              { category: 'PREMIUM', amount: 1500 },
            ],
          },
        },
        admin,
      ),
    );
    const showId = scheduled.data!.scheduleScreening.id;

    const found = await t.gql(FindFilmsDocument, { titleContains: `tidewater ${tag.toUpperCase()}` }, client.token);
    expect(found.data!.movies.edges.map((e) => e.node.shows.map((s) => s.id))).toEqual([[showId]]);
    const map = await waitFor(async () => {
      const seen = await t.gql(SeatsOfShowDocument, { id: showId }, client.token);
      return seen.data?.show?.seatMap.seats.length ? seen.data.show : undefined;
    });
    const drawn = screen.layout.map(({ code, x, y, accessible }) => ({ code, x, y, accessible, status: 'AVAILABLE' }));
    expect([...map.seatMap.seats].sort((a, b) => a.y - b.y || a.x - b.x)).toEqual(drawn);

    const booking = await book({ showId, seatIds: ['A1', 'B5'] });
    expect(booking).toMatchObject({ status: 'CONFIRMED', total: { amount: 2500 } });
    expect((await t.gql(SeatsOfShowDocument, { id: showId })).data!.show!.seatsFree).toBe(12);
  });

  it('schedules a trip of a new train that a client finds by stations and books for some legs', async () => {
    const route = ['North', 'Middle', 'South'].map((name) => `${name} ${tag}`);
    const train = await t.gql(
      CreateRailwayDocument,
      {
        input: {
          number: `X ${tag}`,
          name: 'Test Sprinter',
          route: [
            { stationName: route[0]!, departsAfterMinutes: 0 },
            { stationName: route[1]!, arrivesAfterMinutes: 20, departsAfterMinutes: 22 },
            { stationName: route[2]!, arrivesAfterMinutes: 50 },
          ],
          coaches: [{ travelClass: 'FIRST', rows: 1 }],
        },
      },
      admin,
    );
    const { id: trainId, stations, seats } = train.data!.createTrain;
    expect(seats.map((s) => s.position)).toEqual(['WINDOW', 'AISLE', 'AISLE', 'WINDOW']);
    const departs = inAnHour();
    await untilKnown(() =>
      t.gql(
        ScheduleRailwayDocument,
        { input: { trainId, departsAt: departs.toISOString(), prices: [{ category: 'FIRST', amount: 2000 }] } },
        admin,
      ),
    );
    const search = { from: stations[0]!.id, to: stations[2]!.id, date: departs.toISOString().slice(0, 10) };
    // Bookings learns of the trip from the ShowScheduled event, a moment after scheduling.
    const trip = await waitFor(async () => {
      const [found] = (await t.gql(FindTripsDocument, search, client.token)).data?.trips ?? [];
      return found?.seatsFree === 4 ? found : undefined;
    });
    expect(trip).toMatchObject({ fromStop: 0, toStop: 2, seatsFree: 4 });

    const booking = await waitFor(async () => {
      const held = await t.gql(
        LockSeatsDocument,
        { input: { showId: trip.showId, seatIds: ['C1-1'], fromStop: 0, toStop: 1 } },
        client.token,
      );
      return held.errors ? undefined : held.data!.lockSeats;
    });
    const paid = await t.gql(
      CheckoutDocument,
      { input: { holdId: booking.id, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
      client.token,
    );
    expect(paid.data!.checkout).toMatchObject({ status: 'CONFIRMED', total: { amount: 2000 } });
    expect((await t.gql(FindTripsDocument, search)).data!.trips[0]!.seatsFree).toBe(3);
  });

  const row = (overrides: Record<string, unknown> = {}) => ({
    row: 'A',
    from: 1,
    to: 4,
    category: 'STANDARD',
    ...overrides,
  });
  it.each([
    [
      'a seat given twice',
      [
        {
          row: 'A',
          ranges: [
            { from: 1, to: 3, category: 'STANDARD' },
            { from: 3, to: 4, category: 'STANDARD' },
          ],
        },
      ],
      'rows[0].ranges[1]',
    ],
    ['a row given twice', [row(), row()], 'rows[1].row'],
    ['an aisle outside the row', [row({ aislesAfter: [4] })], 'rows[0].aislesAfter[0]'],
    ['a row of 201 seats', [row({ to: 201 })], 'rows[0].to'],
    ['101 rows', Array.from({ length: 101 }, (_, i) => row({ row: letter(i / 26) + letter(i % 26) })), 'rows'],
  ])('refuses a layout with %s: BAD_USER_INPUT on the field, nothing stored', async (_, rows, field) => {
    const name = `Refused ${randomUUID()}`;
    const input = { name, city: 'Kiel', address: 'Kai 4', screens: [{ name: 'One', rows }] };
    const result = await t.gql(CreateCinemaDocument, { input }, admin);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.field).toBe(`input.screens[0].${field}`);
    const venues = await t.gql(VenueNamesDocument);
    expect(venues.data!.venues.map((v) => v.name)).not.toContain(name);
  });

  it('pages through filtered movies with cursors, every match once', async () => {
    const titles = ['Harbour', 'Ferry', 'Lantern', 'Gull', 'Pier'].map((word) => `${word} ${tag} Story`);
    for (const [i, title] of titles.entries()) {
      const genres = i % 2 === 0 ? ['Drama'] : ['Comedy'];
      expect(
        (await t.gql(CreateFilmDocument, { input: { title, durationMinutes: 90, genres } }, admin)).errors,
      ).toBeUndefined();
    }
    const filter = { titleContains: `${tag} story`, genre: 'DRAMA' };
    const all = (await t.gql(FindFilmsDocument, { first: 100, ...filter })).data!.movies.edges.map((e) => e.node.title);
    expect([...all].sort()).toEqual([titles[0], titles[2], titles[4]].sort());
    const walked: string[] = [];
    let after: string | null | undefined = null;
    do {
      const result: GqlResult<CatalogFindMoviesQuery> = await t.gql(FindFilmsDocument, { first: 1, after, ...filter });
      const page = result.data!.movies;
      walked.push(...page.edges.map((e) => e.node.title));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after && walked.length < 10);
    expect(walked).toEqual(all);
    const tooLong = await t.gql(FindFilmsDocument, { titleContains: 'x'.repeat(201) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'titleContains' });
  });
});
