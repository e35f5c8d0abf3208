import { and, asc, countDistinct, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { LayoutSeat, PriceEntry, Tx } from '@seats/platform';
import type { HoldModel, InventoryShow, ShowKind } from '../models.js';
import { bookings, holds, holdSeats, layouts, layoutSeats, seatIsActive, showPrices, shows } from './schema.js';

/** Seat layouts, shows, their prices and seat claims: bookings' own copy of what it sells. */

/** A seat taken on some legs, and whether it is taken by a booking (or only held). */
export interface Claim {
  seatId: string;
  booked: boolean;
}

/** Layout rows are written in chunks this size (10 parameters a row, far below Postgres' 65,535). */
const layoutChunk = 1000;

/** Replaces a layout's seats; its revision grows so cached copies are re-read. */
export async function replaceLayout(
  tx: Tx,
  layoutId: string,
  kind: 'SCREEN' | 'TRAIN',
  seats: readonly LayoutSeat[],
): Promise<void> {
  await tx
    .insert(layouts)
    .values({ layoutId, kind })
    .onConflictDoUpdate({ target: layouts.layoutId, set: { revision: sql`${layouts.revision} + 1` } });
  await tx.delete(layoutSeats).where(eq(layoutSeats.layoutId, layoutId));
  for (let start = 0; start < seats.length; start += layoutChunk) {
    const rows = seats.slice(start, start + layoutChunk).map((seat, i) => ({
      layoutId,
      seatId: seat.seatId,
      ordinal: start + i,
      label: seat.label,
      row: seat.row,
      number: seat.number,
      category: seat.category,
      x: seat.x,
      y: seat.y,
      accessible: seat.accessible ?? false,
    }));
    await tx.insert(layoutSeats).values(rows);
  }
}

/** Adds a scheduled show with its prices; a redelivered show changes nothing. */
export async function insertShow(
  tx: Tx,
  show: { showId: string; kind: ShowKind; layoutId: string; legCount: number; startsAt: string },
  prices: readonly PriceEntry[],
): Promise<void> {
  await tx
    .insert(shows)
    .values({ ...show, startsAt: new Date(show.startsAt) })
    .onConflictDoNothing();
  if (prices.length === 0) return;
  await tx
    .insert(showPrices)
    .values(prices.map((p) => ({ showId: show.showId, ...p })))
    .onConflictDoNothing();
}

/** Marks a show cancelled; false when the show is not known yet (its ShowScheduled has not arrived). */
export async function markShowCancelled(tx: Tx, showId: string): Promise<boolean> {
  const rows = await tx
    .update(shows)
    .set({ status: 'CANCELLED' })
    .where(eq(shows.showId, showId))
    .returning({ showId: shows.showId });
  return rows.length === 1;
}

export async function findShow(db: Tx, showId: string): Promise<InventoryShow | null> {
  const [row] = await db
    .select({
      showId: shows.showId,
      kind: shows.kind,
      layoutId: shows.layoutId,
      legCount: shows.legCount,
      startsAt: shows.startsAt,
      status: shows.status,
      version: shows.version,
      revision: layouts.revision,
    })
    .from(shows)
    .leftJoin(layouts, eq(layouts.layoutId, shows.layoutId))
    .where(eq(shows.showId, showId));
  return row ?? null;
}

/** A layout's seats in the catalog's order. */
export async function layoutSeatsOf(db: Tx, layoutId: string): Promise<LayoutSeat[]> {
  return db
    .select({
      seatId: layoutSeats.seatId,
      label: layoutSeats.label,
      row: layoutSeats.row,
      number: layoutSeats.number,
      category: layoutSeats.category,
      x: layoutSeats.x,
      y: layoutSeats.y,
      accessible: layoutSeats.accessible,
    })
    .from(layoutSeats)
    .where(eq(layoutSeats.layoutId, layoutId))
    .orderBy(asc(layoutSeats.ordinal));
}

/** A show's price per category (per leg on trips). */
export async function pricesOf(db: Tx, showId: string): Promise<PriceEntry[]> {
  return db
    .select({ category: showPrices.category, amount: showPrices.amount, currency: showPrices.currency })
    .from(showPrices)
    .where(eq(showPrices.showId, showId));
}

/** Seat claims on legs overlapping [from, to) that still count: booked, or held and not yet due. */
const claimCounts = (from: number, to: number) =>
  and(
    seatIsActive,
    sql`${holdSeats.legs} && int4range(${from}, ${to})`,
    sql`(${holds.status} = 'CONVERTED' or ${holds.expiresAt} > now())`,
  );

/**
 * Seats taken on legs overlapping [from, to), all of them or those in
 * `seatIds`; an expired hold the sweeper has not reached yet counts as free.
 */
export async function claimsOn(
  db: Tx,
  showId: string,
  from: number,
  to: number,
  seatIds?: readonly string[],
): Promise<Claim[]> {
  return db
    .select({ seatId: holdSeats.seatId, booked: sql<boolean>`bool_or(${holds.status} = 'CONVERTED')` })
    .from(holdSeats)
    .innerJoin(holds, eq(holds.id, holdSeats.holdId))
    .where(
      and(
        eq(holdSeats.showId, showId),
        claimCounts(from, to),
        seatIds ? inArray(holdSeats.seatId, [...seatIds]) : undefined,
      ),
    )
    .groupBy(holdSeats.seatId);
}

/**
 * Seats of a scheduled show free on every leg of [from, to): the layout's
 * seats less those claimed on an overlapping leg, in one query. Zero for a
 * cancelled or unknown show.
 */
export async function countFreeSeats(db: Tx, showId: string, from: number, to: number): Promise<number> {
  const seats = db
    .select({ n: sql<number>`count(*)::int`.as('n') })
    .from(layoutSeats)
    .where(eq(layoutSeats.layoutId, shows.layoutId));
  const claimed = db
    .select({ n: sql<number>`${countDistinct(holdSeats.seatId)}::int`.as('n') })
    .from(holdSeats)
    .innerJoin(holds, eq(holds.id, holdSeats.holdId))
    .where(and(eq(holdSeats.showId, shows.showId), claimCounts(from, to)));
  const [row] = await db
    .select({ free: sql<number>`(${seats}) - (${claimed})` })
    .from(shows)
    .where(and(eq(shows.showId, showId), eq(shows.status, 'SCHEDULED')));
  return row?.free ?? 0;
}

const holdColumns = {
  id: holds.id,
  showId: holds.showId,
  userId: holds.userId,
  fromStop: holds.fromStop,
  toStop: holds.toStop,
  status: holds.status,
  expiresAt: holds.expiresAt,
};

/**
 * The show's holds that still claim seats (ACTIVE, or CONVERTED into a
 * booking), locked in id order; `except` skips holds already locked.
 */
export async function lockLiveHolds(tx: Tx, showId: string, except: readonly string[] = []): Promise<HoldModel[]> {
  return tx
    .select(holdColumns)
    .from(holds)
    .where(
      and(
        eq(holds.showId, showId),
        inArray(holds.status, ['ACTIVE', 'CONVERTED']),
        except.length > 0 ? notInArray(holds.id, [...except]) : undefined,
      ),
    )
    .orderBy(asc(holds.id))
    .for('update');
}

/** Locks the show's pending and confirmed bookings, in id order. */
export async function lockLiveBookings(tx: Tx, showId: string): Promise<void> {
  await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.showId, showId), inArray(bookings.status, ['PENDING_PAYMENT', 'CONFIRMED'])))
    .orderBy(asc(bookings.id))
    .for('update');
}

/**
 * Bumps the version of a show still on sale; null when it was cancelled.
 * The update locks the show row, so a cancellation either committed before
 * (and is seen here) or waits for this transaction.
 */
export async function nextVersionOnSale(tx: Tx, showId: string): Promise<number | null> {
  const [row] = await tx
    .update(shows)
    .set({ version: sql`${shows.version} + 1` })
    .where(eq(shows.showId, showId))
    .returning({ version: shows.version, status: shows.status });
  return row?.status === 'SCHEDULED' ? row.version : null;
}

/** Bumps the show's seat-change counter; call once per event, last in the transaction. */
export async function nextVersion(tx: Tx, showId: string): Promise<number> {
  const [row] = await tx
    .update(shows)
    .set({ version: sql`${shows.version} + 1` })
    .where(eq(shows.showId, showId))
    .returning({ version: shows.version });
  if (!row) throw new Error(`show ${showId} has no inventory`);
  return row.version;
}
