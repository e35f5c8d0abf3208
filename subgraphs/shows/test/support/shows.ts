/**
 * The shows subgraph in-process on the testkit's harness, in either mode.
 * Catalog events are published on the bus as the catalog would
 * (`shows.publish`); the ShowScheduled and ShowCancelled events that reach
 * the bus are collected in `published`. And the documents and inputs its
 * suites share.
 */
import type { BusEvent, LayoutSeat } from '@seats/platform';
import { createAdmin, createUser, document, startSubgraph, type Mode, type SubgraphHarness } from '@seats/testkit';
import type { Context } from '../../src/context.js';
import { showsSubgraph } from '../../src/index.js';

export const admin = createAdmin();
export const user = createUser();

export interface ShowsFixture extends SubgraphHarness<Context> {
  /** ShowScheduled and ShowCancelled events that reached the bus, in order. */
  published: Array<BusEvent<'ShowScheduled' | 'ShowCancelled'>>;
}

/** The schedule on a fresh database and bus of the mode; `gql` runs as the admin unless told otherwise. */
export async function startShows(mode: Mode): Promise<ShowsFixture> {
  const harness = await startSubgraph(showsSubgraph, { mode, caller: admin });
  const published = await harness.record('ShowScheduled', 'ShowCancelled');
  return Object.assign(harness, { published });
}

export const seat = (seatId: string, category: string): LayoutSeat => ({
  seatId,
  label: seatId,
  row: seatId.slice(0, 1),
  // The number after the row or coach: "F12" → 12, "C2-45" → 45.
  number: Number(seatId.split(/\D+/).pop()),
  category,
  x: 0,
  y: 0,
});

/** A three-stop route: origin, a stop at 40/42 minutes, terminus at 95. */
export const route = (stationIds: [string, string, string]) => [
  { stationId: stationIds[0], name: 'Northport', arrivesAfterMinutes: null, departsAfterMinutes: 0 },
  { stationId: stationIds[1], name: 'Millbrook', arrivesAfterMinutes: 40, departsAfterMinutes: 42 },
  { stationId: stationIds[2], name: 'Southgate', arrivesAfterMinutes: 95, departsAfterMinutes: null },
];

/** A show as scheduleScreening and scheduleTrip answer it. */
export interface ScheduledShow {
  id: string;
  kind: 'SCREENING' | 'TRIP';
  startsAt: string;
  endsAt: string;
  status: string;
  movie: { id: string } | null;
  screen: { id: string } | null;
  train: { id: string } | null;
  stops: Array<{ index: number; station?: { id: string }; arrivesAt?: string | null; departsAt?: string | null }>;
  prices: Array<{ category: string; amount: number; currency: string }>;
}

type Input = { input: Record<string, unknown> };

// Documents for this subgraph's own schema are typed by hand with what they
// answer and take (codegen types documents for the composed API only).

/** `_entities` for the given representations; what each entity holds is the test's to compare. */
export const entities = <E = unknown>(selection: string) =>
  document<{ _entities: Array<E | null> }, { reps: Array<Record<string, unknown>> }>(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ${selection} } }`,
  );

/** A whole minute at least `days` days from now (far from other tests' shows). */
export function future(days: number, minutes = 0): Date {
  const at = new Date(Date.now() + days * 86_400_000 + minutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

export const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

export const scheduleScreening = document<
  { scheduleScreening: ScheduledShow },
  Input
>(`mutation($input: ScheduleScreeningInput!) {
  scheduleScreening(input: $input) {
    id kind startsAt endsAt status movie { id } screen { id } train { id } stops { index } prices { category amount currency }
  }
}`);
export const scheduleTrip = document<{ scheduleTrip: ScheduledShow }, Input>(`mutation($input: ScheduleTripInput!) {
  scheduleTrip(input: $input) {
    id kind startsAt endsAt status train { id } movie { id }
    stops { index station { id } arrivesAt departsAt } prices { category amount currency }
  }
}`);
