import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { arrayLiteral, selectRows, type Tx, type Unversioned } from '@seats/platform';
import type { HoldModel, HoldStatus } from '../models.js';
import { holdIsActive, holds, holdSeats, seatIsActive } from './schema.js';

/** Holds, their seats, and the advisory locks that serialise holds of one seat. */

/** A hold's columns as `HoldModel`. */
export const holdColumns = {
  id: holds.id,
  showId: holds.showId,
  userId: holds.userId,
  fromStop: holds.fromStop,
  toStop: holds.toStop,
  status: holds.status,
  expiresAt: holds.expiresAt,
};

/**
 * Serialises best-available choices on one show for the rest of the
 * transaction, waiting at most 5 s: each reads the seats taken once the one
 * before it committed, so two never choose the same seats. A hold of named
 * seats does not take this lock (its seats' locks keep it apart), and no
 * transaction waits for this lock while it holds a seat's or a user's, so
 * it adds no deadlock.
 */
export async function lockBestSeatsChoice(tx: Tx, showId: string): Promise<void> {
  await tx.execute(
    sql`select set_config('lock_timeout', '5s', true), pg_advisory_xact_lock(hashtextextended(${showId}::text || '/best-available', 0))`,
  );
}

/**
 * Takes a hold's advisory locks for the rest of the transaction: one per
 * seat of the show and the user's own, in ascending key order, waiting at
 * most 5 s (the `bookings.lock_hold_keys` function of migration 0003).
 */
export async function lockHoldKeys(tx: Tx, showId: string, userId: string, seatIds: readonly string[]): Promise<void> {
  await tx.execute(
    sql`select bookings.lock_hold_keys(${showId}::uuid, ${userId}::uuid, ${arrayLiteral(seatIds)}::text[])`,
  );
}

/** Active holds on these seats whose time is up (the sweeper may not have reached them yet), locked. */
export async function lockLapsedHoldsOn(tx: Tx, showId: string, seatIds: readonly string[]): Promise<HoldModel[]> {
  const holding = tx
    .select({ holdId: holdSeats.holdId })
    .from(holdSeats)
    .where(and(eq(holdSeats.showId, showId), seatIsActive, inArray(holdSeats.seatId, [...seatIds])));
  return tx
    .select(holdColumns)
    .from(holds)
    .where(and(inArray(holds.id, holding), holdIsActive, lte(holds.expiresAt, sql`now()`)))
    .for('update');
}

/** Many holds by id, in one statement. */
export async function findHolds(db: Tx, ids: readonly string[]): Promise<HoldModel[]> {
  if (ids.length === 0) return [];
  return db
    .select(holdColumns)
    .from(holds)
    .where(inArray(holds.id, [...ids]));
}

export async function findHold(db: Tx, id: string): Promise<HoldModel | null> {
  const [row] = await db.select(holdColumns).from(holds).where(eq(holds.id, id));
  return row ?? null;
}

/** The hold, locked for the rest of the transaction. */
export async function lockHold(tx: Tx, id: string): Promise<HoldModel | null> {
  const [row] = await tx.select(holdColumns).from(holds).where(eq(holds.id, id)).for('update');
  return row ?? null;
}

/** The seat codes of a hold, sorted. */
export async function holdSeatIds(db: Tx, holdId: string): Promise<string[]> {
  const rows = await db
    .select({ seatId: holdSeats.seatId })
    .from(holdSeats)
    .where(eq(holdSeats.holdId, holdId))
    .orderBy(asc(holdSeats.seatId));
  return rows.map((r) => r.seatId);
}

export async function setHoldStatus(tx: Tx, holdId: string, status: HoldStatus): Promise<void> {
  await tx.update(holds).set({ status }).where(eq(holds.id, holdId));
}

/** Releases a hold if it is still active (a converted one keeps its status). */
export async function releaseIfActive(tx: Tx, holdId: string): Promise<void> {
  await tx
    .update(holds)
    .set({ status: 'RELEASED' })
    .where(and(eq(holds.id, holdId), holdIsActive));
}

/** The hold's seats stop counting: the exclusion constraint no longer sees them. */
export async function freeHoldSeats(tx: Tx, holdId: string): Promise<void> {
  await tx
    .update(holdSeats)
    .set({ active: false })
    .where(and(eq(holdSeats.holdId, holdId), seatIsActive));
}

/** Due holds, claimed so that several sweepers never take the same one. */
export async function claimDueHolds(tx: Tx, limit: number): Promise<HoldModel[]> {
  return tx
    .select(holdColumns)
    .from(holds)
    .where(and(holdIsActive, lte(holds.expiresAt, sql`now()`)))
    .orderBy(asc(holds.showId), asc(holds.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** A hold's seat and whether the hold still claims it (a seat cancelled out of a booking does not). */
export interface HoldSeat {
  seatId: string;
  active: boolean;
}

/** The seats of many holds in one statement, each list sorted by seat code. */
export async function holdSeatsOfMany(db: Tx, holdIds: readonly string[]): Promise<Map<string, HoldSeat[]>> {
  const byHold = new Map<string, HoldSeat[]>(holdIds.map((id) => [id, []]));
  if (holdIds.length === 0) return byHold;
  const rows = await db
    .select({ holdId: holdSeats.holdId, seatId: holdSeats.seatId, active: holdSeats.active })
    .from(holdSeats)
    .where(inArray(holdSeats.holdId, [...holdIds]))
    .orderBy(asc(holdSeats.holdId), asc(holdSeats.seatId));
  for (const { holdId, ...seat } of rows) byHold.get(holdId)?.push(seat);
  return byHold;
}

/**
 * What `placeHold` did: `held`, or why it wrote nothing (migration 0003
 * documents each outcome), with what the caller needs to say so.
 */
export type PlacedHold =
  | { outcome: 'held' }
  | { outcome: 'no_show' | 'cancelled' | 'started' | 'lapsed' | 'limit' }
  | { outcome: 'legs'; kind: 'SCREENING' | 'TRIP'; legCount: number }
  | { outcome: 'unknown_seats' | 'taken'; seatIds: string[] };

const placedRow = z.object({
  outcome: z.enum(['held', 'no_show', 'cancelled', 'started', 'legs', 'unknown_seats', 'lapsed', 'limit', 'taken']),
  kind: z.enum(['SCREENING', 'TRIP']).nullable(),
  leg_count: z.number().nullable(),
  unknown_seats: z.array(z.string()).nullable(),
  taken_seats: z.array(z.string()).nullable(),
});

/** SQLSTATE of `bookings.place_hold` when the show was cancelled between its check and its version bump. */
export const showCancelledMeanwhile = 'SB001';

/**
 * A hold in one statement (`bookings.place_hold`, migration 0003): the
 * seats' and the user's advisory locks, every check inside them, and, when
 * none refuses, the hold, its seats, the show's next version and SeatsHeld
 * (`event` with that version). Outside a transaction it is one round trip
 * that commits; inside one (after expiring lapsed holds) it takes part in
 * it. Seat codes are validated before they get here.
 */
export async function placeHold(
  db: Tx,
  hold: HoldModel,
  seatIds: readonly string[],
  maxActiveHolds: number,
  event: Unversioned<'SeatsHeld'>,
): Promise<PlacedHold> {
  const [row] = await selectRows(
    db,
    placedRow,
    sql`select * from bookings.place_hold(${hold.id}::uuid, ${hold.showId}::uuid, ${hold.userId}::uuid,
          ${arrayLiteral(seatIds)}::text[], ${hold.fromStop}::int, ${hold.toStop}::int,
          ${hold.expiresAt.toISOString()}::timestamptz, ${maxActiveHolds}::int, ${JSON.stringify(event)}::jsonb)`,
  );
  if (!row) throw new Error('bookings.place_hold returned no row');
  switch (row.outcome) {
    case 'legs':
      if (row.kind === null || row.leg_count === null) throw new Error('bookings.place_hold: legs without the show');
      return { outcome: 'legs', kind: row.kind, legCount: row.leg_count };
    case 'unknown_seats':
    case 'taken': {
      const seats = row.outcome === 'taken' ? row.taken_seats : row.unknown_seats;
      if (seats === null) throw new Error(`bookings.place_hold: ${row.outcome} without the seats`);
      return { outcome: row.outcome, seatIds: seats };
    }
    default:
      return { outcome: row.outcome };
  }
}
