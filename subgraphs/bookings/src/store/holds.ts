import { createHash } from 'node:crypto';
import { queryRows, sql, type Tx } from '@seats/platform';
import type { HoldModel } from '../models.js';

const holdColumns = sql`id, show_id as "showId", user_id as "userId", from_stop as "fromStop", to_stop as "toStop",
  status, expires_at as "expiresAt"`;

/**
 * The advisory-lock key of one seat of one show: 64 bits of a SHA-256, so
 * keys of different users' holds on the same seat always collide (they must)
 * and keys of different seats practically never do.
 */
export function seatLockKey(showId: string, seatId: string): bigint {
  return createHash('sha256').update(`${showId}/${seatId}`).digest().readBigInt64BE(0);
}

/** Raw rows carry timestamps as Date (postgres.js) or string (PGlite). */
const toHold = (row: HoldModel): HoldModel => ({ ...row, expiresAt: new Date(row.expiresAt) });
const toHolds = (rows: HoldModel[]) => rows.map(toHold);

const bigintArray = (values: bigint[]) => `{${values.join(',')}}`;
const textArray = (values: string[]) => JSON.stringify(values);

/** SQL for holds and their seats. */
export const holdStore = {
  /**
   * Takes the seats' transaction-level advisory locks in ascending key order,
   * so two holds over shared seats queue instead of deadlocking.
   */
  async lockSeats(tx: Tx, showId: string, seatIds: string[], userId: string): Promise<void> {
    // The user's own key serialises their concurrent holds on this show, so
    // the per-user limit cannot be overrun by parallel requests.
    const all = [...seatIds.map((id) => seatLockKey(showId, id)), seatLockKey(showId, `user:${userId}`)];
    const keys = [...new Set(all)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    await tx.execute(sql`select pg_advisory_xact_lock(k) from unnest(${bigintArray(keys)}::bigint[]) as k`);
  },

  /** Active holds on these seats whose time is up (the sweeper may not have reached them yet). */
  async lapsedHoldsOn(tx: Tx, showId: string, seatIds: string[]): Promise<HoldModel[]> {
    return toHolds(
      await queryRows<HoldModel>(
        tx,
        sql`select ${holdColumns} from bookings.holds where id in (
            select hold_id from bookings.hold_seats
            where show_id = ${showId} and active and seat_id in (select jsonb_array_elements_text(${textArray(seatIds)}::jsonb)))
          and status = 'ACTIVE' and expires_at <= now()
          for update`,
      ),
    );
  },

  /** Seats of the list already taken on legs overlapping [from, to). */
  async takenSeats(tx: Tx, showId: string, seatIds: string[], from: number, to: number): Promise<string[]> {
    const rows = await queryRows<{ seatId: string }>(
      tx,
      sql`select distinct seat_id as "seatId" from bookings.hold_seats
          where show_id = ${showId} and active and legs && int4range(${from}, ${to})
            and seat_id in (select jsonb_array_elements_text(${textArray(seatIds)}::jsonb))`,
    );
    return rows.map((r) => r.seatId);
  },

  async insertHold(tx: Tx, hold: HoldModel, seatIds: string[], from: number, to: number): Promise<void> {
    await tx.execute(sql`insert into bookings.holds (id, show_id, user_id, from_stop, to_stop, status, expires_at)
      values (${hold.id}, ${hold.showId}, ${hold.userId}, ${hold.fromStop}, ${hold.toStop}, 'ACTIVE', ${hold.expiresAt.toISOString()})`);
    await tx.execute(sql`insert into bookings.hold_seats (hold_id, show_id, seat_id, legs)
      select ${hold.id}::uuid, ${hold.showId}::uuid, s, int4range(${from}, ${to})
      from jsonb_array_elements_text(${textArray(seatIds)}::jsonb) as s`);
  },

  async countActiveHolds(tx: Tx, userId: string, showId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from bookings.holds
          where user_id = ${userId} and show_id = ${showId} and status = 'ACTIVE' and expires_at > now()`,
    );
    return row?.n ?? 0;
  },

  async find(tx: Tx, id: string, forUpdate = false): Promise<HoldModel | null> {
    const lock = forUpdate ? sql`for update` : sql``;
    const [row] = await queryRows<HoldModel>(
      tx,
      sql`select ${holdColumns} from bookings.holds where id = ${id} ${lock}`,
    );
    return row ? toHold(row) : null;
  },

  async seatIds(tx: Tx, holdId: string): Promise<string[]> {
    const rows = await queryRows<{ seatId: string }>(
      tx,
      sql`select seat_id as "seatId" from bookings.hold_seats where hold_id = ${holdId} order by seat_id`,
    );
    return rows.map((r) => r.seatId);
  },

  /** Sets a hold's status; when the hold ends, its seats stop counting. */
  async setStatus(tx: Tx, holdId: string, status: HoldModel['status']): Promise<void> {
    await tx.execute(sql`update bookings.holds set status = ${status} where id = ${holdId}`);
    if (status !== 'ACTIVE' && status !== 'CONVERTED') await holdStore.freeSeats(tx, holdId);
  },

  async freeSeats(tx: Tx, holdId: string): Promise<void> {
    await tx.execute(sql`update bookings.hold_seats set active = false where hold_id = ${holdId} and active`);
  },

  /** A cancelled booking's hold: its seats are freed; a still-active hold ends as RELEASED. */
  async releaseForCancellation(tx: Tx, holdId: string): Promise<void> {
    await tx.execute(sql`update bookings.holds set status = 'RELEASED' where id = ${holdId} and status = 'ACTIVE'`);
    await holdStore.freeSeats(tx, holdId);
  },

  /** Due holds, claimed so that several sweepers never take the same one. */
  async claimDue(tx: Tx, limit: number): Promise<HoldModel[]> {
    return toHolds(
      await queryRows<HoldModel>(
        tx,
        sql`select ${holdColumns} from bookings.holds
          where status = 'ACTIVE' and expires_at <= now()
          order by show_id, expires_at limit ${limit}
          for update skip locked`,
      ),
    );
  },
};
