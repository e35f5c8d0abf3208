import { queryRows, sql, type LayoutSeat, type PriceEntry, type Tx } from '@seats/platform';
import type { HoldModel } from '../models.js';

export interface ShowRow {
  showId: string;
  kind: 'SCREENING' | 'TRIP';
  layoutId: string;
  legCount: number;
  startsAt: Date;
  status: 'SCHEDULED' | 'CANCELLED';
  version: number;
  revision: number | null;
}

export interface ClaimRow {
  seatId: string;
  booked: boolean;
}

/** SQL for layouts, shows and their seat states. */
export const inventoryStore = {
  async replaceLayout(tx: Tx, layoutId: string, kind: string, seats: LayoutSeat[]): Promise<void> {
    await tx.execute(sql`insert into bookings.layouts (layout_id, kind) values (${layoutId}, ${kind})
      on conflict (layout_id) do update set revision = bookings.layouts.revision + 1`);
    await tx.execute(sql`delete from bookings.layout_seats where layout_id = ${layoutId}`);
    for (let start = 0; start < seats.length; start += 1000) {
      const chunk = seats.slice(start, start + 1000).map((s, i) => ({ ...s, ordinal: start + i }));
      await tx.execute(sql`insert into bookings.layout_seats
          (layout_id, seat_id, ordinal, label, row, number, category, x, y, accessible)
        select ${layoutId}::uuid, s.seat_id, s.ordinal, s.label, s.row, s.number, s.category, s.x, s.y, s.accessible
        from jsonb_to_recordset(${JSON.stringify(chunk.map(toRecord))}::jsonb)
          as s(seat_id text, ordinal int, label text, row text, number int, category text, x int, y int, accessible boolean)`);
    }
  },

  async insertShow(
    tx: Tx,
    show: { showId: string; kind: string; layoutId: string; legCount: number; startsAt: string },
    prices: PriceEntry[],
  ): Promise<void> {
    await tx.execute(sql`insert into bookings.shows (show_id, kind, layout_id, leg_count, starts_at)
      values (${show.showId}, ${show.kind}, ${show.layoutId}, ${show.legCount}, ${show.startsAt}) on conflict do nothing`);
    for (const price of prices) {
      await tx.execute(sql`insert into bookings.show_prices (show_id, category, amount, currency)
        values (${show.showId}, ${price.category}, ${price.amount}, ${price.currency}) on conflict do nothing`);
    }
  },

  /** False when the show is not known yet (its ShowScheduled has not arrived). */
  async cancelShow(tx: Tx, showId: string): Promise<boolean> {
    const rows = await queryRows(
      tx,
      sql`update bookings.shows set status = 'CANCELLED' where show_id = ${showId} returning show_id`,
    );
    return rows.length === 1;
  },

  async findShow(db: Tx, showId: string): Promise<ShowRow | null> {
    const [row] = await queryRows<ShowRow>(
      db,
      sql`select s.show_id as "showId", s.kind, s.layout_id as "layoutId", s.leg_count as "legCount",
            s.starts_at as "startsAt", s.status, s.version::int as version, l.revision
          from bookings.shows s left join bookings.layouts l on l.layout_id = s.layout_id
          where s.show_id = ${showId}`,
    );
    // Raw rows carry timestamps as Date (postgres.js) or string (PGlite).
    return row ? { ...row, startsAt: new Date(row.startsAt) } : null;
  },

  async layoutSeats(db: Tx, layoutId: string): Promise<LayoutSeat[]> {
    return queryRows<LayoutSeat>(
      db,
      sql`select seat_id as "seatId", label, row, number, category, x, y, accessible
          from bookings.layout_seats where layout_id = ${layoutId} order by ordinal`,
    );
  },

  async prices(db: Tx, showId: string): Promise<PriceEntry[]> {
    return queryRows<PriceEntry>(
      db,
      sql`select category, amount, currency from bookings.show_prices where show_id = ${showId}`,
    );
  },

  /**
   * Seats taken on legs overlapping [from, to), all of them or those in
   * `seatIds`; an expired hold the sweeper has not reached yet counts as free.
   */
  async claims(db: Tx, showId: string, from: number, to: number, seatIds?: string[]): Promise<ClaimRow[]> {
    const only = seatIds
      ? sql`and hs.seat_id in (select jsonb_array_elements_text(${JSON.stringify(seatIds)}::jsonb))`
      : sql``;
    return queryRows<ClaimRow>(
      db,
      sql`select hs.seat_id as "seatId", bool_or(h.status = 'CONVERTED') as booked
          from bookings.hold_seats hs join bookings.holds h on h.id = hs.hold_id
          where hs.show_id = ${showId} and hs.active and hs.legs && int4range(${from}, ${to}) ${only}
            and (h.status = 'CONVERTED' or h.expires_at > now())
          group by hs.seat_id`,
    );
  },

  /**
   * Seats of a scheduled show free on every leg of [from, to): the layout's
   * seats less those claimed on an overlapping leg, in one query. Zero for
   * a cancelled or unknown show.
   */
  async seatsFree(db: Tx, showId: string, from: number, to: number): Promise<number> {
    const [row] = await queryRows<{ free: number }>(
      db,
      sql`select (select count(*) from bookings.layout_seats ls where ls.layout_id = s.layout_id)::int
            - (select count(distinct hs.seat_id) from bookings.hold_seats hs join bookings.holds h on h.id = hs.hold_id
               where hs.show_id = s.show_id and hs.active and hs.legs && int4range(${from}, ${to})
                 and (h.status = 'CONVERTED' or h.expires_at > now()))::int as free
          from bookings.shows s where s.show_id = ${showId} and s.status = 'SCHEDULED'`,
    );
    return row?.free ?? 0;
  },

  /**
   * The show's holds that still claim seats (ACTIVE, or CONVERTED into a
   * booking), locked in id order; `except` skips holds already locked.
   */
  async lockLiveHolds(tx: Tx, showId: string, except: readonly string[] = []): Promise<HoldModel[]> {
    const rows = await queryRows<HoldModel>(
      tx,
      sql`select id, show_id as "showId", user_id as "userId", from_stop as "fromStop", to_stop as "toStop",
            status, expires_at as "expiresAt"
          from bookings.holds
          where show_id = ${showId} and status in ('ACTIVE', 'CONVERTED')
            and id not in (select jsonb_array_elements_text(${JSON.stringify(except)}::jsonb)::uuid)
          order by id for update`,
    );
    return rows.map((row) => ({ ...row, expiresAt: new Date(row.expiresAt) }));
  },

  /** Locks the show's pending and confirmed bookings, in id order. */
  async lockLiveBookings(tx: Tx, showId: string): Promise<void> {
    await tx.execute(sql`select id from bookings.bookings
      where show_id = ${showId} and status in ('PENDING_PAYMENT', 'CONFIRMED') order by id for update`);
  },

  /**
   * Bumps the version of a show still on sale; null when it was cancelled.
   * The update locks the show row, so a cancellation either committed
   * before (and is seen here) or waits for this transaction.
   */
  async nextVersionOnSale(tx: Tx, showId: string): Promise<number | null> {
    const [row] = await queryRows<{ version: number; status: string }>(
      tx,
      sql`update bookings.shows set version = version + 1 where show_id = ${showId}
          returning version::int as version, status`,
    );
    return row?.status === 'SCHEDULED' ? row.version : null;
  },

  /** Bumps the show's seat-change counter; call once per event, last in the transaction. */
  async nextVersion(tx: Tx, showId: string): Promise<number> {
    const [row] = await queryRows<{ version: number }>(
      tx,
      sql`update bookings.shows set version = version + 1 where show_id = ${showId} returning version::int as version`,
    );
    if (!row) throw new Error(`show ${showId} has no inventory`);
    return row.version;
  },
};

function toRecord(seat: LayoutSeat & { ordinal: number }) {
  return {
    seat_id: seat.seatId,
    ordinal: seat.ordinal,
    label: seat.label,
    row: seat.row,
    number: seat.number,
    category: seat.category,
    x: seat.x,
    y: seat.y,
    accessible: seat.accessible ?? false,
  };
}
