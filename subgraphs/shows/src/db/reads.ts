import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@seats/platform';
import type { ShowModel } from '../models.js';
import { showPrices, shows, showStops } from './schema.js';

/** At most this many upcoming shows are listed for one movie or train. */
export const upcomingLimit = 100;

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
