import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@seats/platform';
import { addMinutes } from '../domain/schedule.js';
import type { ShowModel } from '../models.js';
import { showPrices, shows, showStops } from './schema.js';

/** Stores a show with its prices and stops. */
export async function insertShow(tx: Tx, show: ShowModel): Promise<void> {
  const { prices, stops, ...columns } = show;
  await tx.insert(shows).values(columns);
  await tx.insert(showPrices).values(prices.map((p) => ({ showId: show.id, category: p.category, amount: p.amount })));
  if (stops.length > 0) await tx.insert(showStops).values(stops.map((stop) => ({ showId: show.id, ...stop })));
}

/**
 * Serializes schedulings on one screen until the transaction ends, so two
 * concurrent requests cannot both pass the overlap check.
 */
export async function lockScreen(tx: Tx, screenId: string): Promise<void> {
  await queryRows(tx, sql`select pg_advisory_xact_lock(hashtextextended(${`seats:shows:screen:${screenId}`}, 0))`);
}

/**
 * Whether a scheduled screening on the screen comes within `bufferMinutes`
 * of [startsAt, endsAt) on either side (each screening blocks the screen
 * until its end plus the buffer).
 */
export async function screeningOverlaps(
  tx: Tx,
  screenId: string,
  startsAt: Date,
  endsAt: Date,
  bufferMinutes: number,
): Promise<boolean> {
  const [clash] = await tx
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
export async function lockShow(tx: Tx, id: string): Promise<{ status: string; endsAt: Date } | null> {
  const [row] = await tx
    .select({ status: shows.status, endsAt: shows.endsAt })
    .from(shows)
    .where(eq(shows.id, id))
    .for('update');
  return row ?? null;
}

export async function markCancelled(tx: Tx, id: string): Promise<void> {
  await tx.update(shows).set({ status: 'CANCELLED' }).where(eq(shows.id, id));
}
