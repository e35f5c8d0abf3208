import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { selectRows, type Tx } from '@seats/platform';
import type { WaitlistEntryModel } from '../models.js';
import { waitlistEntries } from './schema.js';

/** Waiting lists, with each entry's place in line and what became of its offer. */

export interface NewWaitlistEntry {
  id: string;
  showId: string;
  userId: string;
  fromStop: number | null;
  toStop: number | null;
  seatCount: number;
}

/** Adds the entry at the end of its show's line; null when the user is on that line already. */
export async function insertEntry(tx: Tx, entry: NewWaitlistEntry): Promise<boolean> {
  const rows = await tx
    .insert(waitlistEntries)
    .values({ ...entry, status: 'WAITING' })
    .onConflictDoNothing()
    .returning({ id: waitlistEntries.id });
  return rows.length > 0;
}

const entryRow = z.object({
  id: z.string(),
  show_id: z.string(),
  user_id: z.string(),
  from_stop: z.number().nullable(),
  to_stop: z.number().nullable(),
  seat_count: z.number(),
  status: z.enum(['WAITING', 'OFFERED', 'BOOKED', 'PASSED', 'LEFT']),
  hold_id: z.string().nullable(),
  hold_status: z.enum(['ACTIVE', 'RELEASED', 'EXPIRED', 'CONVERTED']).nullable(),
  position: z.number().nullable(),
  created_at: z.coerce.date(),
});

/**
 * Entries with their place in line (1 for the next, among those waiting)
 * and their offer's state: an offer whose hold was checked out is BOOKED,
 * one whose hold ended otherwise PASSED (before the waiting list's
 * consumer gets to it).
 */
const entrySelect = sql`select e.id, e.show_id, e.user_id, e.from_stop, e.to_stop, e.seat_count, e.status,
    e.hold_id, h.status as hold_status, e.created_at,
    case when e.status = 'WAITING' then (
      select count(*)::int + 1 from bookings.waitlist_entries w
      where w.show_id = e.show_id and w.status = 'WAITING' and (w.created_at, w.id) < (e.created_at, e.id)
    ) end as position
  from bookings.waitlist_entries e left join bookings.holds h on h.id = e.hold_id`;

function toModel(r: z.infer<typeof entryRow>): WaitlistEntryModel {
  let status: WaitlistEntryModel['status'] = r.status;
  if (r.status === 'OFFERED' && r.hold_status === 'CONVERTED') status = 'BOOKED';
  else if (r.status === 'OFFERED' && r.hold_status !== null && r.hold_status !== 'ACTIVE') status = 'PASSED';
  return {
    id: r.id,
    showId: r.show_id,
    userId: r.user_id,
    fromStop: r.from_stop,
    toStop: r.to_stop,
    count: r.seat_count,
    status,
    holdId: r.hold_id,
    position: r.position,
    joinedAt: r.created_at,
  };
}

export async function findEntry(db: Tx, id: string): Promise<WaitlistEntryModel | null> {
  const [row] = await selectRows(db, entryRow, sql`${entrySelect} where e.id = ${id}`);
  return row ? toModel(row) : null;
}

/** Entries of many users, newest first, at most 100 each. */
export async function entriesOfUsers(db: Tx, userIds: readonly string[]): Promise<Map<string, WaitlistEntryModel[]>> {
  const byUser = new Map<string, WaitlistEntryModel[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await selectRows(
    db,
    entryRow,
    sql`select * from (${entrySelect} where e.user_id = any(${`{${userIds.join(',')}}`}::uuid[])) x
        order by user_id, created_at desc, id desc`,
  );
  for (const row of rows) {
    const list = byUser.get(row.user_id);
    if (list && list.length < 100) list.push(toModel(row));
  }
  return byUser;
}

/** A show's line: the entries waiting, in order, then those holding an offer. */
export async function entriesOfShow(db: Tx, showId: string): Promise<WaitlistEntryModel[]> {
  const rows = await selectRows(
    db,
    entryRow,
    sql`${entrySelect} where e.show_id = ${showId} and (e.status = 'WAITING' or (e.status = 'OFFERED' and h.status = 'ACTIVE'))
        order by e.status desc, e.created_at, e.id`,
  );
  return rows.map(toModel);
}

/** The first waiting entries of a show, locked, in order. */
export async function lockNextWaiting(tx: Tx, showId: string, limit: number): Promise<WaitlistEntryModel[]> {
  const rows = await selectRows(
    tx,
    entryRow,
    sql`${entrySelect} where e.id in (
          select id from bookings.waitlist_entries
          where show_id = ${showId} and status = 'WAITING'
          order by created_at, id limit ${limit} for update)
        order by e.created_at, e.id`,
  );
  return rows.map(toModel);
}

/** The entry, locked (its status as stored). */
export async function lockEntry(tx: Tx, id: string): Promise<WaitlistEntryModel | null> {
  await tx.execute(sql`select 1 from bookings.waitlist_entries where id = ${id} for update`);
  return findEntry(tx, id);
}

export async function markOffered(tx: Tx, id: string, holdId: string): Promise<void> {
  await tx
    .update(waitlistEntries)
    .set({ status: 'OFFERED', holdId, updatedAt: sql`now()` })
    .where(and(eq(waitlistEntries.id, id), eq(waitlistEntries.status, 'WAITING')));
}

export async function setEntryStatus(tx: Tx, id: string, status: 'PASSED' | 'LEFT'): Promise<void> {
  await tx
    .update(waitlistEntries)
    .set({ status, updatedAt: sql`now()` })
    .where(eq(waitlistEntries.id, id));
}

/** The offer a hold was made for ended unused: PASSED (its seats went back). */
export async function passOfferOf(tx: Tx, holdId: string): Promise<void> {
  await tx
    .update(waitlistEntries)
    .set({ status: 'PASSED', updatedAt: sql`now()` })
    .where(and(eq(waitlistEntries.holdId, holdId), eq(waitlistEntries.status, 'OFFERED')));
}

/** The offer a booking's hold was made for was checked out: BOOKED. */
export async function bookOfferOf(tx: Tx, bookingId: string): Promise<void> {
  await tx.execute(sql`update bookings.waitlist_entries set status = 'BOOKED', updated_at = now()
    where status = 'OFFERED' and hold_id = (select hold_id from bookings.bookings where id = ${bookingId})`);
}

/** Whether anyone waits for the show (one index probe). */
export async function anyoneWaiting(db: Tx, showId: string): Promise<boolean> {
  const [row] = await selectRows(
    db,
    z.object({ waiting: z.boolean() }),
    sql`select exists (select 1 from bookings.waitlist_entries where show_id = ${showId} and status = 'WAITING') as waiting`,
  );
  return row?.waiting ?? false;
}
