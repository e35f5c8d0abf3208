/**
 * The catalog subgraph in-process on the testkit's harness, in either mode,
 * with the events it relays to the bus collected in `published`; and the
 * documents and inputs its suites share.
 */
import type { BusEvent } from '@seats/platform';
import { createAdmin, createUser, document, startSubgraph, type Mode, type SubgraphHarness } from '@seats/testkit';
import { catalogSubgraph } from '../../src/index.js';
import type { Context } from '../../src/context.js';

export const admin = createAdmin();
export const user = createUser();

export interface CatalogFixture extends SubgraphHarness<Context> {
  /** Events that reached the bus, in order. */
  published: Array<BusEvent<'MovieUpserted' | 'ScreenUpserted' | 'TrainUpserted'>>;
}

/** The catalog on a fresh database and bus of the mode; `gql` runs as the admin unless told otherwise. */
export async function startCatalog(mode: Mode): Promise<CatalogFixture> {
  const harness = await startSubgraph(catalogSubgraph, { mode, caller: admin });
  const published = await harness.record('MovieUpserted', 'ScreenUpserted', 'TrainUpserted');
  return Object.assign(harness, { published });
}

export interface Movie {
  id: string;
  title: string;
  description: string;
  durationMinutes: number;
  genres: string[];
  ageRating: string | null;
  languages: string[];
  posterUrl: string | null;
}

export interface Venue {
  id: string;
  name: string;
  city: string;
  address: string;
  screens: Array<{ id: string; name: string; seatCount: number; categories: string[]; venue: { id: string } }>;
}

export interface Station {
  id: string;
  name: string;
}

export interface Train {
  id: string;
  number: string;
  name: string;
  stations: Station[];
  route: Array<{
    index: number;
    station: Station;
    arrivesAfterMinutes: number | null;
    departsAfterMinutes: number | null;
  }>;
  coaches: Array<{ number: number; travelClass: string; seatCount: number }>;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Row letters like spreadsheet columns: A..Z, AA, AB, ... */
export function rowName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export const movieInput = (overrides: Record<string, unknown> = {}) => ({
  title: 'The Lanternkeeper',
  description: 'A lighthouse keeper finds a map in a bottle.',
  durationMinutes: 112,
  genres: ['Drama'],
  ageRating: 'PG',
  languages: ['en'],
  posterUrl: 'https://img.example/lantern.jpg',
  ...overrides,
});

export const venueInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Harbour Pictures',
  city: 'Kiel',
  address: 'Kai 1',
  screens: [
    {
      name: 'Screen 1',
      rows: [
        { row: 'A', from: 1, to: 10, category: 'STANDARD' },
        { row: 'B', from: 1, to: 10, category: 'PREMIUM' },
      ],
    },
  ],
  ...overrides,
});

export const trainInput = (overrides: Record<string, unknown> = {}) => ({
  number: `RX ${Math.floor(Math.random() * 1_000_000)}`,
  name: 'Coastal Express',
  route: [
    { stationName: 'Northport', departsAfterMinutes: 0 },
    { stationName: 'Millbrook', arrivesAfterMinutes: 40, departsAfterMinutes: 42 },
    { stationName: 'Southgate', arrivesAfterMinutes: 95 },
  ],
  coaches: [
    { travelClass: 'FIRST', rows: 2 },
    { travelClass: 'SECOND', rows: 3 },
  ],
  ...overrides,
});

type Input = { input: Record<string, unknown> };

// Documents for this subgraph's own schema are typed by hand with what they
// answer and take (codegen types documents for the composed API only).
export const createMovie = document<{ createMovie: Movie }, Input>(`mutation($input: CreateMovieInput!) {
  createMovie(input: $input) { id title description durationMinutes genres ageRating languages posterUrl }
}`);
export const createVenue = document<{ createVenue: Venue }, Input>(`mutation($input: CreateVenueInput!) {
  createVenue(input: $input) { id name city address screens { id name seatCount categories venue { id } } }
}`);
export const createTrain = document<{ createTrain: Train }, Input>(`mutation($input: CreateTrainInput!) {
  createTrain(input: $input) {
    id number name
    stations { id name }
    route { index station { id name } arrivesAfterMinutes departsAfterMinutes }
    coaches { number travelClass seatCount }
  }
}`);
