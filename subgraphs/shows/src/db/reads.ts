import { and, asc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@seats/platform';
import type { ShowModel, TripModel } from '../models.js';
import { showPrices, shows, showStops } from './schema.js';

/** At most this many upcoming shows are listed for one movie or train. */
export const upcomingLimit = 100;
/** At most this many trips answer one search. */
export const tripSearchLimit = 100;

const boarding = alias(showStops, 'boarding');
const leaving = alias(showStops, 'leaving');

/** The schedule's reads; ids passed in are already validated. */
export class ShowReads {
  constructor(private readonly db: Db) {}

  async show(id: string): Promise<ShowModel | null> {
    const [show] = await this.load(eq(shows.id, id), 1);
    return show ?? null;
  }

  /** Scheduled screenings of a movie that have not started, soonest first. */
  upcomingForMovie(movieId: string): Promise<ShowModel[]> {
    return this.load(and(eq(shows.movieId, movieId), upcoming()), upcomingLimit);
  }

  /** Scheduled trips of a train that have not left, soonest first. */
  upcomingForTrain(trainId: string): Promise<ShowModel[]> {
    return this.load(and(eq(shows.trainId, trainId), upcoming()), upcomingLimit);
  }

  /**
   * Scheduled trips that have not left their origin, stop at `fromStation`
   * and later at `toStation`, and leave `fromStation` within [start, end);
   * by departure from there.
   */
  async trips(fromStation: string, toStation: string, start: Date, end: Date): Promise<TripModel[]> {
    const rows = await this.db
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
    const loaded = new Map(
      (
        await this.load(
          inArray(
            shows.id,
            rows.map((r) => r.showId),
          ),
          rows.length,
        )
      ).map((s) => [s.id, s]),
    );
    return rows.flatMap(({ departsAt, arrivesAt, ...row }) => {
      const show = loaded.get(row.showId);
      // A departure and an arrival exist between two stops of one route.
      return show && departsAt && arrivesAt ? [{ ...row, departsAt, arrivesAt, show }] : [];
    });
  }

  /** Shows matching `where`, with their prices and stops fetched in two more queries. */
  private async load(where: SQL | undefined, limit: number): Promise<ShowModel[]> {
    const rows = await this.db
      .select()
      .from(shows)
      .where(where)
      .orderBy(asc(shows.startsAt), asc(shows.id))
      .limit(limit);
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [prices, stops] = await Promise.all([
      this.db.select().from(showPrices).where(inArray(showPrices.showId, ids)).orderBy(asc(showPrices.category)),
      this.db.select().from(showStops).where(inArray(showStops.showId, ids)).orderBy(asc(showStops.index)),
    ]);
    return rows.map(({ createdAt: _createdAt, ...row }) => ({
      ...row,
      prices: prices
        .filter((p) => p.showId === row.id)
        .map((p) => ({ category: p.category, amount: p.amount, currency: row.currency })),
      stops: stops
        .filter((s) => s.showId === row.id)
        .map((s) => ({ index: s.index, stationId: s.stationId, arrivesAt: s.arrivesAt, departsAt: s.departsAt })),
    }));
  }
}

function upcoming(): SQL | undefined {
  return and(eq(shows.status, 'SCHEDULED'), gt(shows.startsAt, sql`now()`));
}
