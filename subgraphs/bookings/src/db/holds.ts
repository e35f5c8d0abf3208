import { createHash } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '@seats/platform';
import type { HoldModel, HoldStatus } from '../models.js';
import { holdIsActive, holds, holdSeats, seatIsActive } from './schema.js';

/** Holds, their seats, and the advisory locks that serialise holds of one seat. */

/**
 * The advisory-lock key of one seat of one show: 64 bits of a SHA-256, so
 * keys of different users' holds on the same seat always collide (they must)
 * and keys of different seats practically never do.
 */
export function seatLockKey(showId: string, seatId: string): bigint {
  return createHash('sha256').update(`${showId}/${seatId}`).digest().readBigInt64BE(0);
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

/** Waits at most this long for a seat's lock; a hold that cannot get it answers SEATS_UNAVAILABLE. */
export async function limitLockWait(tx: Tx): Promise<void> {
  await tx.execute(sql`set local lock_timeout = '5s'`);
}

/**
 * Takes the seats' transaction-level advisory locks in ascending key order,
 * so two holds over shared seats queue instead of deadlocking. The user's
 * own key serialises their concurrent holds on this show, so the per-user
 * limit cannot be overrun by parallel requests.
 */
export async function lockSeatKeys(tx: Tx, showId: string, seatIds: readonly string[], userId: string): Promise<void> {
  const all = [...seatIds.map((id) => seatLockKey(showId, id)), seatLockKey(showId, `user:${userId}`)];
  const keys = [...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await tx.execute(sql`select pg_advisory_xact_lock(k) from unnest(${`{${keys.join(',')}}`}::bigint[]) as k`);
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

/** Seats of the list already taken on legs overlapping [from, to). */
export async function takenSeats(
  tx: Tx,
  showId: string,
  seatIds: readonly string[],
  from: number,
  to: number,
): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ seatId: holdSeats.seatId })
    .from(holdSeats)
    .where(
      and(
        eq(holdSeats.showId, showId),
        seatIsActive,
        sql`${holdSeats.legs} && int4range(${from}, ${to})`,
        inArray(holdSeats.seatId, [...seatIds]),
      ),
    );
  return rows.map((r) => r.seatId);
}

/** Inserts an active hold and its seats on legs [from, to). */
export async function insertHold(
  tx: Tx,
  hold: HoldModel,
  seatIds: readonly string[],
  from: number,
  to: number,
): Promise<void> {
  await tx.insert(holds).values(hold);
  await tx
    .insert(holdSeats)
    .values(
      seatIds.map((seatId) => ({ holdId: hold.id, showId: hold.showId, seatId, legs: sql`int4range(${from}, ${to})` })),
    );
}

/** The user's holds on the show that are active and not yet due. */
export async function countActiveHolds(tx: Tx, userId: string, showId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(holds)
    .where(and(eq(holds.userId, userId), eq(holds.showId, showId), holdIsActive, gt(holds.expiresAt, sql`now()`)));
  return row?.n ?? 0;
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
