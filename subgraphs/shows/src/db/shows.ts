import { and, asc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { arrayLiteral, groupBy, jsonColumn, selectRows, type Tx } from '@seats/platform';
import { addMinutes } from '../domain/schedule.js';
import type { ShowModel, ShowStatus, TripModel } from '../models.js';
import { showPrices, shows, showStops } from './schema.js';

/** Shows with their prices and stops. Ids passed in are already validated. */

/** At most this many upcoming shows are listed for one movie or train. */
export const upcomingLimit = 100;
/** At most this many trips answer one search. */
export const tripSearchLimit = 100;

const boarding = alias(showStops, 'boarding');
const leaving = alias(showStops, 'leaving');

export async function findShow(db: Tx, id: string): Promise<ShowModel | null> {
  const [show] = await loadShows(db, sql`s.id = ${id}`, 1);
  return show ?? null;
}

/** The shows with these ids, soonest first; unknown ids are left out. */
export async function findShows(db: Tx, ids: readonly string[]): Promise<ShowModel[]> {
  if (ids.length === 0) return [];
  return loadShows(db, idIn(ids), ids.length);
}

/** Scheduled screenings of these movies that have not started, soonest first, at most `upcomingLimit` each; by movie id. */
export function listUpcomingForMovies(db: Tx, movieIds: readonly string[]): Promise<Map<string, ShowModel[]>> {
  return listUpcomingOf(db, 'movie_id', movieIds, (show) => show.movieId);
}

/** Scheduled trips of these trains that have not left, soonest first, at most `upcomingLimit` each; by train id. */
export function listUpcomingForTrains(db: Tx, trainIds: readonly string[]): Promise<Map<string, ShowModel[]>> {
  return listUpcomingOf(db, 'train_id', trainIds, (show) => show.trainId);
}

/**
 * Scheduled trips that have not left their origin, stop at `fromStation`
 * and later at `toStation`, and leave `fromStation` within [start, end);
 * by departure from there.
 */
export async function searchTrips(
  db: Tx,
  fromStation: string,
  toStation: string,
  start: Date,
  end: Date,
): Promise<TripModel[]> {
  const rows = await db
    .select({
      showId: boarding.showId,
      fromStop: boarding.index,
      toStop: leaving.index,
      departsAt: boarding.departsAt,
      arrivesAt: leaving.arrivesAt,
    })
    .from(boarding)
    .innerJoin(leaving, and(eq(leaving.showId, boarding.showId), eq(leaving.stationId, toStation)))
    .innerJoin(shows, eq(shows.id, boarding.showId))
    .where(
      and(
        eq(boarding.stationId, fromStation),
        gt(leaving.index, boarding.index),
        gte(boarding.departsAt, start),
        lt(boarding.departsAt, end),
        eq(shows.kind, 'TRIP'),
        upcoming(),
      ),
    )
    .orderBy(asc(boarding.departsAt), asc(boarding.showId))
    .limit(tripSearchLimit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.showId);
  const loaded = new Map((await loadShows(db, idIn(ids), rows.length)).map((s) => [s.id, s]));
  return rows.flatMap(({ departsAt, arrivesAt, ...row }) => {
    const show = loaded.get(row.showId);
    // A departure and an arrival exist between two stops of one route.
    return show && departsAt && arrivesAt ? [{ ...row, departsAt, arrivesAt, show }] : [];
  });
}

/** Stores a show with its prices and stops. */
export async function insertShow(db: Tx, show: ShowModel): Promise<void> {
  const { prices, stops, ...columns } = show;
  await db.insert(shows).values(columns);
  await db.insert(showPrices).values(prices.map((p) => ({ showId: show.id, category: p.category, amount: p.amount })));
  if (stops.length > 0) await db.insert(showStops).values(stops.map((stop) => ({ showId: show.id, ...stop })));
}

/**
 * Serializes schedulings on one screen until the transaction ends, so two
 * concurrent requests cannot both pass the overlap check. The lock returns
 * nothing worth reading, so no row is parsed.
 */
export async function lockScreen(db: Tx, screenId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`seats:shows:screen:${screenId}`}, 0))`);
}

/**
 * Whether a scheduled screening on the screen comes within `bufferMinutes`
 * of [startsAt, endsAt) on either side (each screening blocks the screen
 * until its end plus the buffer).
 */
export async function screeningOverlaps(
  db: Tx,
  screenId: string,
  startsAt: Date,
  endsAt: Date,
  bufferMinutes: number,
): Promise<boolean> {
  const [clash] = await db
    .select({ id: shows.id })
    .from(shows)
    .where(
      and(
        eq(shows.screenId, screenId),
        eq(shows.status, 'SCHEDULED'),
        lt(shows.startsAt, addMinutes(endsAt, bufferMinutes)),
        gt(shows.endsAt, addMinutes(startsAt, -bufferMinutes)),
      ),
    )
    .limit(1);
  return clash !== undefined;
}

/** Locks a show for a change of status; null when there is no such show. */
export async function lockShow(db: Tx, id: string): Promise<{ status: ShowStatus; endsAt: Date } | null> {
  const [row] = await db
    .select({ status: shows.status, endsAt: shows.endsAt })
    .from(shows)
    .where(eq(shows.id, id))
    .for('update');
  return row ?? null;
}

export async function markCancelled(db: Tx, id: string): Promise<void> {
  await db.update(shows).set({ status: 'CANCELLED' }).where(eq(shows.id, id));
}

/** Shows matching `where`, soonest first, with their prices and stops fetched in two more queries. */
const showRow = z.object({
  id: z.string(),
  kind: z.enum(['SCREENING', 'TRIP']),
  movie_id: z.string().nullable(),
  screen_id: z.string().nullable(),
  train_id: z.string().nullable(),
  starts_at: z.coerce.date(),
  ends_at: z.coerce.date(),
  status: z.enum(['SCHEDULED', 'CANCELLED']),
  currency: z.string(),
  prices: jsonColumn(z.array(z.object({ category: z.string(), amount: z.number() }))),
  stops: jsonColumn(
    z.array(
      z.object({
        index: z.number(),
        stationId: z.string(),
        arrivesAt: z.coerce.date().nullable(),
        departsAt: z.coerce.date().nullable(),
      }),
    ),
  ),
});

/**
 * Shows matching `where` (a condition on `s`, the shows row), soonest
 * first, each with its prices and stops: one statement, however many.
 */
async function loadShows(db: Tx, where: SQL, limit: number): Promise<ShowModel[]> {
  const rows = await selectRows(
    db,
    showRow,
    sql`select s.id, s.kind, s.movie_id, s.screen_id, s.train_id, s.starts_at, s.ends_at, s.status, s.currency,
          coalesce((select json_agg(json_build_object('category', p.category, 'amount', p.amount) order by p.category)
                    from shows.show_prices p where p.show_id = s.id), '[]') as prices,
          coalesce((select json_agg(json_build_object('index', st.index, 'stationId', st.station_id,
                                                      'arrivesAt', st.arrives_at, 'departsAt', st.departs_at)
                                    order by st.index)
                    from shows.show_stops st where st.show_id = s.id), '[]') as stops
        from shows.shows s where ${where} order by s.starts_at, s.id limit ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    movieId: row.movie_id,
    screenId: row.screen_id,
    trainId: row.train_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    currency: row.currency,
    prices: row.prices.map((p) => ({ ...p, currency: row.currency })),
    stops: row.stops,
  }));
}

/** The shows with these ids, as a condition on `s` for `loadShows`. */
const idIn = (ids: readonly string[]) => sql`s.id = any(${arrayLiteral(ids)}::uuid[])`;

/**
 * The first `upcomingLimit` upcoming shows of each parent (a movie or a
 * train), soonest first: numbered per parent by a window function, so many
 * parents take one statement.
 */
async function listUpcomingOf(
  db: Tx,
  parent: 'movie_id' | 'train_id',
  parentIds: readonly string[],
  parentOf: (show: ShowModel) => string | null,
): Promise<Map<string, ShowModel[]>> {
  if (parentIds.length === 0) return new Map();
  const column = sql.raw(parent);
  const first = sql`s.id in (
    select ranked.id from (
      select x.id, row_number() over (partition by x.${column} order by x.starts_at, x.id) as rank
      from shows.shows x
      where x.${column} = any(${arrayLiteral(parentIds)}::uuid[]) and x.status = 'SCHEDULED' and x.starts_at > now()
    ) ranked where ranked.rank <= ${upcomingLimit})`;
  const rows = await loadShows(db, first, parentIds.length * upcomingLimit);
  // Every show was found through its parent, so none lacks one.
  return groupBy(rows, (show) => parentOf(show) ?? '');
}

function upcoming(): SQL | undefined {
  return and(eq(shows.status, 'SCHEDULED'), gt(shows.startsAt, sql`now()`));
}
