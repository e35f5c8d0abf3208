import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { selectRows, type Tx } from '@seats/platform';
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
 * Takes the seats' transaction-level advisory locks in ascending key order,
 * so two holds over shared seats queue instead of deadlocking. The user's
 * own key serialises their concurrent holds on this show, so the per-user
 * limit cannot be overrun by parallel requests. The same statement limits
 * the wait for a lock to 5 s for the rest of the transaction (the filter
 * runs before the first lock is asked for); a hold that cannot get its
 * locks in time answers SEATS_UNAVAILABLE.
 */
export async function lockSeatKeys(tx: Tx, showId: string, seatIds: readonly string[], userId: string): Promise<void> {
  const all = [...seatIds.map((id) => seatLockKey(showId, id)), seatLockKey(showId, `user:${userId}`)];
  const keys = [...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await tx.execute(sql`select pg_advisory_xact_lock(k) from unnest(${`{${keys.join(',')}}`}::bigint[]) as k
    where set_config('lock_timeout', '5s', true) is not null`);
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

/** The seat codes of many holds in one statement, each list sorted. */
export async function holdSeatIdsOfMany(db: Tx, holdIds: readonly string[]): Promise<Map<string, string[]>> {
  const byHold = new Map<string, string[]>(holdIds.map((id) => [id, []]));
  if (holdIds.length === 0) return byHold;
  const rows = await db
    .select({ holdId: holdSeats.holdId, seatId: holdSeats.seatId })
    .from(holdSeats)
    .where(inArray(holdSeats.holdId, [...holdIds]))
    .orderBy(asc(holdSeats.holdId), asc(holdSeats.seatId));
  for (const row of rows) byHold.get(row.holdId)?.push(row.seatId);
  return byHold;
}

const holdStateRow = z.object({
  kind: z.enum(['SCREENING', 'TRIP']),
  leg_count: z.number(),
  status: z.enum(['SCHEDULED', 'CANCELLED']),
  starts_at: z.coerce.date(),
  unknown_seats: z.array(z.string()),
  lapsed_holds: z.number(),
  active_holds: z.number(),
  taken_seats: z.array(z.string()),
});

/** What a hold has to know, read in one statement inside its locks. */
export interface HoldState {
  kind: 'SCREENING' | 'TRIP';
  legCount: number;
  status: 'SCHEDULED' | 'CANCELLED';
  startsAt: Date;
  /** Seats of the request the show's layout does not have. */
  unknownSeats: string[];
  /** Active holds on the requested seats whose time is up (the sweeper has not reached them yet). */
  lapsedHolds: number;
  /** The user's active holds on the show that are not yet due. */
  activeHolds: number;
  /** Seats of the request taken on legs overlapping [from, to), lapsed holds' seats included. */
  takenSeats: string[];
}

const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;

/**
 * Everything a hold checks, in one round trip: the show, which requested
 * seats its layout lacks, lapsed holds on them, the user's active holds,
 * and which of them are taken on legs overlapping [from, to). Null when
 * the show is not known. Seat codes are validated before they get here.
 */
export async function readHoldState(
  tx: Tx,
  request: { showId: string; userId: string; seatIds: readonly string[]; from: number; to: number },
): Promise<HoldState | null> {
  const { showId, userId, from, to } = request;
  const seats = textArray(request.seatIds);
  const [row] = await selectRows(
    tx,
    holdStateRow,
    sql`select s.kind, s.leg_count, s.status, s.starts_at,
          array(select requested.seat from unnest(${seats}::text[]) as requested(seat)
                where not exists (select 1 from bookings.layout_seats ls
                                  where ls.layout_id = s.layout_id and ls.seat_id = requested.seat)
          ) as unknown_seats,
          (select count(*) from bookings.holds h
            where h.status = 'ACTIVE' and h.expires_at <= now() and h.id in (
              select hs.hold_id from bookings.hold_seats hs
              where hs.show_id = s.show_id and hs.active and hs.seat_id = any(${seats}::text[])))::int as lapsed_holds,
          (select count(*) from bookings.holds h
            where h.user_id = ${userId} and h.show_id = s.show_id and h.status = 'ACTIVE' and h.expires_at > now())::int
            as active_holds,
          array(select distinct hs.seat_id from bookings.hold_seats hs
                where hs.show_id = s.show_id and hs.active and hs.legs && int4range(${from}, ${to})
                  and hs.seat_id = any(${seats}::text[])) as taken_seats
        from bookings.shows s where s.show_id = ${showId}`,
  );
  if (!row) return null;
  return {
    kind: row.kind,
    legCount: row.leg_count,
    status: row.status,
    startsAt: row.starts_at,
    unknownSeats: row.unknown_seats,
    lapsedHolds: row.lapsed_holds,
    activeHolds: row.active_holds,
    takenSeats: row.taken_seats,
  };
}

/**
 * Inserts an active hold and its seats, bumps the show's version and
 * records the event built from it, in one statement: the show's row lock
 * (which orders its seat changes) is taken last and held only until the
 * commit that follows. Returns the new version, or null when the show was
 * cancelled meanwhile (nothing is recorded then: roll back).
 */
export async function insertHoldAndRecord(
  tx: Tx,
  hold: HoldModel,
  seatIds: readonly string[],
  legs: { from: number; to: number },
  recordEvent: (bumped: SQL) => SQL,
): Promise<number | null> {
  const bumped = sql.raw('bumped');
  const [row] = await selectRows(
    tx,
    z.object({ version: z.coerce.number() }),
    sql`with hold as (
          insert into bookings.holds (id, show_id, user_id, from_stop, to_stop, status, expires_at)
          values (${hold.id}, ${hold.showId}, ${hold.userId}, ${hold.fromStop}, ${hold.toStop}, 'ACTIVE', ${hold.expiresAt.toISOString()})
        ), seats as (
          insert into bookings.hold_seats (hold_id, show_id, seat_id, legs)
          select ${hold.id}::uuid, ${hold.showId}::uuid, seat, int4range(${legs.from}, ${legs.to})
          from unnest(${textArray(seatIds)}::text[]) as seat
        ), ${bumped} as (
          update bookings.shows set version = version + 1 where show_id = ${hold.showId} and status = 'SCHEDULED'
          returning version
        ), event as (${recordEvent(bumped)})
        select version from ${bumped}`,
  );
  return row ? row.version : null;
}
