import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../../stack/test/generated/index.js';
import { startTestStack, type TestStack, type TestUser } from '../../../stack/test/support/harness.js';
import { modes } from '@seats/testkit';
import { untilKnown } from './support/gateway.js';

const DemoMoviesDocument = graphql(`
  query ScheduleE2eDemoMovies {
    movies(first: 100) {
      edges {
        node {
          title
          shows {
            id
          }
        }
      }
    }
  }
`);

const DemoVenuesDocument = graphql(`
  query ScheduleE2eDemoVenues {
    venues {
      name
      screens {
        name
        seatCount
        categories
      }
    }
  }
`);

const DemoTrainsDocument = graphql(`
  query ScheduleE2eDemoTrains {
    trains(first: 10) {
      edges {
        node {
          number
          stations {
            name
          }
          shows {
            id
          }
        }
      }
    }
  }
`);

const CreateMovieDocument = graphql(`
  mutation ScheduleE2eCreateMovie($input: CreateMovieInput!) {
    createMovie(input: $input) {
      id
    }
  }
`);

const CreateVenueDocument = graphql(`
  mutation ScheduleE2eCreateVenue($input: CreateVenueInput!) {
    createVenue(input: $input) {
      screens {
        id
      }
    }
  }
`);

const ScheduleScreeningDocument = graphql(`
  mutation ScheduleE2eScheduleScreening($input: ScheduleScreeningInput!) {
    scheduleScreening(input: $input) {
      id
    }
  }
`);

const MovieShowsDocument = graphql(`
  query ScheduleE2eMovieShows($id: ID!) {
    movie(id: $id) {
      title
      durationMinutes
      shows {
        id
        startsAt
        movie {
          title
        }
        stops {
          index
        }
      }
    }
  }
`);

const CreateTrainDocument = graphql(`
  mutation ScheduleE2eCreateTrain($input: CreateTrainInput!) {
    createTrain(input: $input) {
      id
    }
  }
`);

const ScheduleTripDocument = graphql(`
  mutation ScheduleE2eScheduleTrip($input: ScheduleTripInput!) {
    scheduleTrip(input: $input) {
      id
    }
  }
`);

const TripStopsDocument = graphql(`
  query ScheduleE2eTripStops($id: ID!) {
    show(id: $id) {
      train {
        number
      }
      stops {
        index
        station {
          name
        }
        arrivesAt
        departsAt
      }
    }
  }
`);

const inAnHour = () => new Date(Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000);

describe.each(modes)('the catalog and the schedule through the gateway (%s)', (mode) => {
  let stack: TestStack;
  let admin: string;
  let client: TestUser;

  beforeAll(async () => {
    stack = await startTestStack(mode, { seed: true });
    admin = await stack.adminToken();
    client = await stack.register();
  });
  afterAll(() => stack?.dispose());

  it('serves the demo data: movies, a cinema with two screens, two trains and a week of shows', async () => {
    const movies = await stack.gql(DemoMoviesDocument, {}, client.token);
    const nodes = movies.data!.movies.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(5);
    expect(nodes.reduce((sum, m) => sum + m.shows.length, 0)).toBeGreaterThanOrEqual(7 * 5);
    const venues = await stack.gql(DemoVenuesDocument);
    const cinema = venues.data!.venues.find((v) => v.name === 'Seats Cinema');
    expect(cinema!.screens).toEqual([
      { name: 'Screen 1', seatCount: 150, categories: ['STANDARD', 'PREMIUM'] },
      { name: 'Grand Hall', seatCount: 10_000, categories: ['STANDARD', 'PREMIUM'] },
    ]);
    const trains = await stack.gql(DemoTrainsDocument);
    const seededTrains = trains.data!.trains.edges.map((e) => e.node);
    expect(seededTrains).toHaveLength(2);
    for (const train of seededTrains) {
      expect(train.stations.length).toBeGreaterThanOrEqual(4);
      expect(train.shows).toHaveLength(7);
    }
  });

  it('lets an admin add a movie and a cinema and schedule a screening that a client then sees', async () => {
    const movie = await stack.gql(
      CreateMovieDocument,
      { input: { title: 'Harbour Lights Revisited', durationMinutes: 95 } },
      admin,
    );
    const venue = await stack.gql(
      CreateVenueDocument,
      {
        input: {
          name: 'Test Pictures',
          city: 'Testville',
          address: '1 Test Row',
          screens: [{ name: 'One', rows: [{ row: 'A', from: 1, to: 8, category: 'STANDARD' }] }],
        },
      },
      admin,
    );
    const movieId = movie.data!.createMovie.id;
    const screenId = venue.data!.createVenue.screens[0]!.id;
    const startsAt = inAnHour().toISOString();
    const scheduled = await untilKnown(stack, admin, ScheduleScreeningDocument, {
      input: { movieId, screenId, startsAt, prices: [{ category: 'STANDARD', amount: 1100 }] },
    });
    expect(scheduled.errors).toBeUndefined();
    const showId = scheduled.data!.scheduleScreening.id;
    const seen = await stack.gql(MovieShowsDocument, { id: movieId }, client.token);
    expect(seen.data!.movie).toEqual({
      title: 'Harbour Lights Revisited',
      durationMinutes: 95,
      shows: [{ id: showId, startsAt, movie: { title: 'Harbour Lights Revisited' }, stops: [] }],
    });
    const clash = await stack.gql(
      ScheduleScreeningDocument,
      { input: { movieId, screenId, startsAt, prices: [{ category: 'STANDARD', amount: 1100 }] } },
      admin,
    );
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startsAt' });
  });

  it('shows a client the stops of a trip with their stations', async () => {
    const train = await stack.gql(
      CreateTrainDocument,
      {
        input: {
          number: 'T 1',
          name: 'Test Shuttle',
          route: [
            { stationName: 'Alpha', departsAfterMinutes: 0 },
            { stationName: 'Beta', arrivesAfterMinutes: 30, departsAfterMinutes: 32 },
            { stationName: 'Gamma', arrivesAfterMinutes: 70 },
          ],
          coaches: [{ travelClass: 'SECOND', rows: 2 }],
        },
      },
      admin,
    );
    const trainId = train.data!.createTrain.id;
    const departs = inAnHour();
    const scheduled = await untilKnown(stack, admin, ScheduleTripDocument, {
      input: { trainId, departsAt: departs.toISOString(), prices: [{ category: 'SECOND', amount: 700 }] },
    });
    const showId = scheduled.data!.scheduleTrip.id;
    const seen = await stack.gql(TripStopsDocument, { id: showId }, client.token);
    const at = (minutes: number) => new Date(departs.getTime() + minutes * 60_000).toISOString();
    expect(seen.data!.show).toEqual({
      train: { number: 'T 1' },
      stops: [
        { index: 0, station: { name: 'Alpha' }, arrivesAt: null, departsAt: at(0) },
        { index: 1, station: { name: 'Beta' }, arrivesAt: at(30), departsAt: at(32) },
        { index: 2, station: { name: 'Gamma' }, arrivesAt: at(70), departsAt: null },
      ],
    });
  });

  it('refuses admin mutations to anonymous callers and to clients', async () => {
    const mutation = CreateMovieDocument;
    const input = { title: 'Not Allowed', durationMinutes: 90 };
    expect((await stack.gql(mutation, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.gql(mutation, { input }, client.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
