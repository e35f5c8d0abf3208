import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  arrayLiteral,
  groupBy,
  jsonColumn,
  selectRows,
  type LayoutSeat,
  type PriceEntry,
  type Tx,
} from '@seats/platform';
import type { HoldModel, InventoryShow, ShowKind } from '../models.js';
import { holdColumns } from './holds.js';
import { bookings, holds, layouts, layoutSeats, showPrices, shows } from './schema.js';

/** Seat layouts, shows, their prices and seat claims: bookings' own copy of what it sells. */

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
    .values({ layoutId, kind, seatCount: seats.length })
    .onConflictDoUpdate({
      target: layouts.layoutId,
      set: { revision: sql`${layouts.revision} + 1`, seatCount: seats.length },
    });
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

/** A show as bookings knows it, with its layout's revision (raw: every request of bookings reads shows). */
const showRow = z.object({
  show_id: z.string(),
  kind: z.enum(['SCREENING', 'TRIP']),
  layout_id: z.string(),
  leg_count: z.number(),
  starts_at: z.coerce.date(),
  status: z.enum(['SCHEDULED', 'CANCELLED']),
  version: z.coerce.number(),
  revision: z.number().nullable(),
});

export async function findShow(db: Tx, showId: string): Promise<InventoryShow | null> {
  const [show] = await findShows(db, [showId]);
  return show ?? null;
}

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

/** Reads for many shows at once: what the per-request loaders batch (see loaders.ts). */

/** A show and the legs a read asks about. */
export interface LegsKey {
  showId: string;
  from: number;
  to: number;
}

export const legsKey = ({ showId, from, to }: LegsKey) => `${showId}:${from}-${to}`;

/** The keys as a relation `k(show_id, from_stop, to_stop)`. */
const keysRelation = (keys: readonly LegsKey[]) =>
  sql`unnest(${arrayLiteral(keys.map((k) => k.showId))}::uuid[], ${arrayLiteral(keys.map((k) => k.from))}::int[], ${arrayLiteral(
    keys.map((k) => k.to),
  )}::int[]) as k(show_id, from_stop, to_stop)`;

export async function findShows(db: Tx, showIds: readonly string[]): Promise<InventoryShow[]> {
  if (showIds.length === 0) return [];
  const rows = await selectRows(
    db,
    showRow,
    sql`select s.show_id, s.kind, s.layout_id, s.leg_count, s.starts_at, s.status, s.version, l.revision
        from bookings.shows s left join bookings.layouts l on l.layout_id = s.layout_id
        where s.show_id = any(${arrayLiteral(showIds)}::uuid[])`,
  );
  return rows.map((row) => ({
    showId: row.show_id,
    kind: row.kind,
    layoutId: row.layout_id,
    legCount: row.leg_count,
    startsAt: row.starts_at,
    status: row.status,
    version: row.version,
    revision: row.revision,
  }));
}

export async function layoutSeatsOfMany(db: Tx, layoutIds: readonly string[]): Promise<Map<string, LayoutSeat[]>> {
  if (layoutIds.length === 0) return new Map();
  const rows = await db
    .select({
      layoutId: layoutSeats.layoutId,
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
    .where(inArray(layoutSeats.layoutId, [...layoutIds]))
    .orderBy(asc(layoutSeats.layoutId), asc(layoutSeats.ordinal));
  const byLayout = groupBy(rows, (r) => r.layoutId);
  return new Map([...byLayout].map(([id, seats]) => [id, seats.map(({ layoutId: _, ...seat }) => seat)]));
}

export async function pricesOfMany(db: Tx, showIds: readonly string[]): Promise<Map<string, PriceEntry[]>> {
  if (showIds.length === 0) return new Map();
  const rows = await db
    .select({
      showId: showPrices.showId,
      category: showPrices.category,
      amount: showPrices.amount,
      currency: showPrices.currency,
    })
    .from(showPrices)
    .where(inArray(showPrices.showId, [...showIds]));
  const byShow = groupBy(rows, (r) => r.showId);
  return new Map([...byShow].map(([id, prices]) => [id, prices.map(({ showId: _, ...price }) => price)]));
}

const revisionRow = z.object({ layout_id: z.string(), revision: z.number() });

/** The current revision of many layouts, by layout id (unknown layouts have no entry). */
export async function layoutRevisionsOfMany(db: Tx, layoutIds: readonly string[]): Promise<Map<string, number>> {
  if (layoutIds.length === 0) return new Map();
  const rows = await selectRows(
    db,
    revisionRow,
    sql`select layout_id, revision from bookings.layouts where layout_id = any(${arrayLiteral(layoutIds)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.layout_id, r.revision]));
}

const freeRow = z.object({ show_id: z.string(), from_stop: z.number(), to_stop: z.number(), free: z.number() });

/**
 * Free seats of many (show, legs) keys in one statement, by `legsKey`;
 * a cancelled or unknown show has none (and no entry).
 */
export async function countFreeSeatsOfMany(db: Tx, keys: readonly LegsKey[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows(
    db,
    freeRow,
    sql`select k.show_id, k.from_stop, k.to_stop,
          l.seat_count - (select count(distinct hs.seat_id) from bookings.hold_seats hs join bookings.holds h on h.id = hs.hold_id
             where hs.show_id = k.show_id and hs.active and hs.legs && int4range(k.from_stop, k.to_stop)
               and (h.status = 'CONVERTED' or h.expires_at > now()))::int as free
        from ${keysRelation(keys)}
        join bookings.shows s on s.show_id = k.show_id and s.status = 'SCHEDULED'
        join bookings.layouts l on l.layout_id = s.layout_id`,
  );
  return new Map(rows.map((r) => [legsKey({ showId: r.show_id, from: r.from_stop, to: r.to_stop }), r.free]));
}

/** The seats taken on some legs at one version of the show, read together in one statement. */
export interface SeatStates {
  version: number;
  held: string[];
  booked: string[];
  /** When the first of the active holds among them lapses (its seats free up with no new version yet). */
  nextExpiry: Date | null;
}

const statesRow = z.object({
  show_id: z.string(),
  from_stop: z.number(),
  to_stop: z.number(),
  version: z.coerce.number(),
  held: jsonColumn(z.array(z.string())),
  booked: jsonColumn(z.array(z.string())),
  next_expiry: z.coerce.date().nullable(),
});

/**
 * The version and taken seats of many (show, legs) keys, by `legsKey`: one
 * statement, so each key's seats are exactly those of its version.
 */
export async function seatStatesOfMany(db: Tx, keys: readonly LegsKey[]): Promise<Map<string, SeatStates>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows(
    db,
    statesRow,
    sql`select k.show_id, k.from_stop, k.to_stop, s.version,
          coalesce(json_agg(t.seat_id) filter (where not t.booked), '[]') as held,
          coalesce(json_agg(t.seat_id) filter (where t.booked), '[]') as booked,
          min(t.expiry) as next_expiry
        from ${keysRelation(keys)}
        join bookings.shows s on s.show_id = k.show_id
        left join lateral (
          select hs.seat_id, bool_or(h.status = 'CONVERTED') as booked,
                 min(h.expires_at) filter (where h.status = 'ACTIVE') as expiry
          from bookings.hold_seats hs
          join bookings.holds h on h.id = hs.hold_id and (h.status = 'CONVERTED' or h.expires_at > now())
          where hs.show_id = k.show_id and hs.active and hs.legs && int4range(k.from_stop, k.to_stop)
          group by hs.seat_id
        ) t on true
        group by k.show_id, k.from_stop, k.to_stop, s.version`,
  );
  return new Map(
    rows.map((r) => [
      legsKey({ showId: r.show_id, from: r.from_stop, to: r.to_stop }),
      { version: r.version, held: r.held, booked: r.booked, nextExpiry: r.next_expiry },
    ]),
  );
}
