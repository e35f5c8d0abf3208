/**
 * Demo data, created through the public admin mutations (so it exercises the
 * same validation, events and projections as any admin would): movies, a
 * cinema with a small screen and a 10,000-seat hall (both with aisles and
 * accessible seats in the front row), two trains, and a week of screenings
 * and trips starting from now.
 */

/** Runs a GraphQL operation as an admin through the gateway; throws on GraphQL errors. */
export type AdminClient = <T = unknown>(query: string, variables?: Record<string, unknown>) => Promise<T>;

interface Movie {
  id: string;
  durationMinutes: number;
}
interface Screen {
  id: string;
  name: string;
}

const days = 7;
const screeningsPerDay = 4;
const cleaningMinutes = 15;
const quarterMs = 15 * 60_000;
const dayMs = 24 * 60 * 60_000;

const movies = [
  { title: 'The Lighthouse Cartographer', durationMinutes: 118, genres: ['Drama', 'Adventure'], ageRating: 'PG' },
  { title: 'Nine Minutes to Market Close', durationMinutes: 97, genres: ['Comedy'], ageRating: 'PG-13' },
  { title: 'Orchard of Glass', durationMinutes: 124, genres: ['Science Fiction'], ageRating: 'PG-13' },
  { title: 'The Quiet Tram Conductor', durationMinutes: 103, genres: ['Drama'], ageRating: 'PG' },
  { title: 'Saltmarsh Heist', durationMinutes: 131, genres: ['Thriller', 'Crime'], ageRating: 'R' },
  { title: 'Paper Comets', durationMinutes: 88, genres: ['Animation', 'Family'], ageRating: 'G' },
].map((movie) => ({ ...movie, description: `${movie.title}: a demo feature.`, languages: ['en'] }));

/** Row names like spreadsheet columns: A..Z, AA, AB, ... */
function rowName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

interface HallPlan {
  rows: number;
  seats: number;
  /** The last rows (at the back) are PREMIUM. */
  premiumRows: number;
  /** Seat numbers after which an aisle runs, in every row. */
  aislesAfter: number[];
  /** Rows (by index) with a cross aisle in front of them. */
  crossAisles: number[];
  /** Seats at each end of the front row that are wheelchair accessible. */
  accessibleAtEnds: number;
}

/** A hall's rows in the compact layout input: aisles, cross aisles, accessible seats in front. */
function layout(plan: HallPlan) {
  return Array.from({ length: plan.rows }, (_, i) => {
    const category = i >= plan.rows - plan.premiumRows ? 'PREMIUM' : 'STANDARD';
    const shape = { row: rowName(i), aislesAfter: plan.aislesAfter, aisleBefore: plan.crossAisles.includes(i) };
    if (i > 0 || plan.accessibleAtEnds === 0) return { ...shape, from: 1, to: plan.seats, category };
    const ends = plan.accessibleAtEnds;
    return {
      ...shape,
      ranges: [
        { from: 1, to: ends, category, accessible: true },
        { from: ends + 1, to: plan.seats - ends, category },
        { from: plan.seats - ends + 1, to: plan.seats, category, accessible: true },
      ],
    };
  });
}

const cinema = {
  name: 'Seats Cinema',
  city: 'Riverton',
  address: '12 Harbour Lane',
  screens: [
    {
      name: 'Screen 1',
      rows: layout({
        rows: 10,
        seats: 15,
        premiumRows: 2,
        aislesAfter: [3, 12],
        crossAisles: [5],
        accessibleAtEnds: 2,
      }),
    },
    {
      name: 'Grand Hall',
      rows: layout({
        rows: 100,
        seats: 100,
        premiumRows: 20,
        aislesAfter: [25, 50, 75],
        crossAisles: [40, 80],
        accessibleAtEnds: 4,
      }),
    },
  ],
};

const stop = (stationName: string, arrivesAfterMinutes: number | null, departsAfterMinutes: number | null) => ({
  stationName,
  arrivesAfterMinutes,
  departsAfterMinutes,
});

const trains = [
  {
    number: 'IC 101',
    name: 'Northern Coast Express',
    route: [
      stop('Northport', null, 0),
      stop('Millbrook', 42, 44),
      stop('Eastwick', 88, 91),
      stop('Southgate Central', 140, null),
    ],
    coaches: [
      { travelClass: 'FIRST', rows: 8 },
      { travelClass: 'SECOND', rows: 16 },
    ],
  },
  {
    number: 'RE 202',
    name: 'Valley Line',
    route: [
      stop('Lakeside', null, 0),
      stop('Pinehurst', 25, 27),
      stop('Millbrook', 61, 63),
      stop('Old Mill Junction', 95, 97),
      stop('Highfield', 130, null),
    ],
    coaches: [
      { travelClass: 'FIRST', rows: 6 },
      { travelClass: 'SECOND', rows: 14 },
    ],
  },
];

const screeningPrices = {
  'Screen 1': [
    { category: 'STANDARD', amount: 1200 },
    { category: 'PREMIUM', amount: 1800 },
  ],
  'Grand Hall': [
    { category: 'STANDARD', amount: 1500 },
    { category: 'PREMIUM', amount: 2400 },
  ],
} as const;
const legPrices = [
  { category: 'FIRST', amount: 1900 },
  { category: 'SECOND', amount: 990 },
];

/**
 * Creates the demo catalog and a week of shows; returns how many movies and
 * shows were created.
 */
export async function seedDemoData(
  client: AdminClient,
  log: { info(obj: object, msg?: string): void },
): Promise<{ movies: number; shows: number }> {
  const created = await createCatalog(client);
  log.info({ movies: created.movies.length, trains: created.trainIds.length }, 'demo catalog created');
  const anchor = ceilToQuarter(new Date(Date.now() + 60 * 60_000));
  let shows = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = new Date(anchor.getTime() + day * dayMs);
    shows += await scheduleDay(client, created, day, dayStart);
  }
  log.info({ shows, days }, 'demo schedule created');
  return { movies: created.movies.length, shows };
}

interface Catalog {
  movies: Movie[];
  screens: Screen[];
  trainIds: string[];
}

async function createCatalog(client: AdminClient): Promise<Catalog> {
  const created: Movie[] = [];
  for (const input of movies) {
    const data = await client<{ createMovie: Movie }>(
      'mutation SeedMovie($input: CreateMovieInput!) { createMovie(input: $input) { id durationMinutes } }',
      { input },
    );
    created.push(data.createMovie);
  }
  const venue = await client<{ createVenue: { screens: Screen[] } }>(
    'mutation SeedVenue($input: CreateVenueInput!) { createVenue(input: $input) { screens { id name } } }',
    { input: cinema },
  );
  const trainIds: string[] = [];
  for (const input of trains) {
    const data = await client<{ createTrain: { id: string } }>(
      'mutation SeedTrain($input: CreateTrainInput!) { createTrain(input: $input) { id } }',
      { input },
    );
    trainIds.push(data.createTrain.id);
  }
  return { movies: created, screens: venue.createVenue.screens, trainIds };
}

/**
 * One day: back-to-back screenings on Screen 1 (each after the previous one
 * plus cleaning, on a quarter hour), one in the Grand Hall, one trip per train.
 */
async function scheduleDay(client: AdminClient, catalog: Catalog, day: number, dayStart: Date): Promise<number> {
  const [small, hall] = ['Screen 1', 'Grand Hall'].map((name) => catalog.screens.find((s) => s.name === name));
  if (!small || !hall) throw new Error('the demo cinema lacks its screens');
  let count = 0;
  let startsAt = dayStart;
  for (let slot = 0; slot < screeningsPerDay; slot++) {
    const movie = catalog.movies[(day * screeningsPerDay + slot) % catalog.movies.length]!;
    await scheduleScreening(client, movie, small, startsAt);
    startsAt = ceilToQuarter(new Date(startsAt.getTime() + (movie.durationMinutes + cleaningMinutes) * 60_000));
    count++;
  }
  const feature = catalog.movies[day % catalog.movies.length]!;
  await scheduleScreening(client, feature, hall, new Date(dayStart.getTime() + 2 * 60 * 60_000));
  count++;
  for (const [index, trainId] of catalog.trainIds.entries()) {
    const departsAt = new Date(dayStart.getTime() + index * 90 * 60_000).toISOString();
    await untilKnown(() =>
      client('mutation SeedTrip($input: ScheduleTripInput!) { scheduleTrip(input: $input) { id } }', {
        input: { trainId, departsAt, prices: legPrices },
      }),
    );
    count++;
  }
  return count;
}

async function scheduleScreening(client: AdminClient, movie: Movie, screen: Screen, startsAt: Date): Promise<void> {
  const prices = screeningPrices[screen.name as keyof typeof screeningPrices];
  await untilKnown(() =>
    client('mutation SeedScreening($input: ScheduleScreeningInput!) { scheduleScreening(input: $input) { id } }', {
      input: { movieId: movie.id, screenId: screen.id, startsAt: startsAt.toISOString(), prices },
    }),
  );
}

/**
 * The schedule learns of new movies, screens and trains from the catalog's
 * events, a moment after they are created: NOT_FOUND is retried every
 * 100 ms for up to 15 s.
 */
async function untilKnown<T>(call: () => Promise<T>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!isNotFound(err) || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

/** NOT_FOUND in a thrown error's `errors` list or, failing that, in its message. */
function isNotFound(err: unknown): boolean {
  const errors = (err as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors)) {
    return errors.some((e) => (e as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'NOT_FOUND');
  }
  return err instanceof Error && err.message.includes('NOT_FOUND');
}

function ceilToQuarter(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / quarterMs) * quarterMs);
}
