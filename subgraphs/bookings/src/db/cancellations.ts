import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { arrayLiteral, selectRows, type Tx } from '@seats/platform';
import type { SeatCancellationModel } from '../models.js';
import { holdSeats, seatCancellations, seatIsActive } from './schema.js';

/** Seats cancelled out of confirmed bookings, and what they cost. */

export async function insertSeatCancellation(tx: Tx, cancellation: SeatCancellationModel): Promise<void> {
  await tx.insert(seatCancellations).values({
    id: cancellation.id,
    bookingId: cancellation.bookingId,
    seatIds: cancellation.seatIds,
    refundAmount: cancellation.refund.amount,
    currency: cancellation.refund.currency,
    cancelledBy: cancellation.cancelledBy,
    createdAt: cancellation.cancelledAt,
  });
}

/** Frees some seats of a hold (their rows stop claiming them); the others stay claimed. */
export async function freeSomeHoldSeats(tx: Tx, holdId: string, seatIds: readonly string[]): Promise<void> {
  await tx
    .update(holdSeats)
    .set({ active: false })
    .where(and(eq(holdSeats.holdId, holdId), inArray(holdSeats.seatId, [...seatIds]), seatIsActive));
}

/** Many bookings' seat cancellations, oldest first, in one statement. */
export async function cancellationsOfMany(
  db: Tx,
  bookingIds: readonly string[],
): Promise<Map<string, SeatCancellationModel[]>> {
  const byBooking = new Map<string, SeatCancellationModel[]>(bookingIds.map((id) => [id, []]));
  if (bookingIds.length === 0) return byBooking;
  const rows = await db
    .select()
    .from(seatCancellations)
    .where(inArray(seatCancellations.bookingId, [...bookingIds]))
    .orderBy(asc(seatCancellations.createdAt), asc(seatCancellations.id));
  for (const r of rows) {
    byBooking.get(r.bookingId)?.push({
      id: r.id,
      bookingId: r.bookingId,
      seatIds: r.seatIds,
      refund: { amount: r.refundAmount, currency: r.currency },
      cancelledBy: r.cancelledBy,
      cancelledAt: r.createdAt,
    });
  }
  return byBooking;
}

const priceRow = z.object({ amount: z.coerce.number(), unpriced: z.number() });

/**
 * What some seats of a hold cost: each at its category's price for the
 * hold's legs, as checkout charged them. Throws when one has no price.
 */
export async function priceOfHoldSeats(tx: Tx, holdId: string, seatIds: readonly string[]): Promise<number> {
  const [row] = await selectRows(
    tx,
    priceRow,
    sql`select coalesce(sum(p.amount * (upper(hs.legs) - lower(hs.legs))), 0)::bigint as amount,
          count(*) filter (where p.amount is null)::int as unpriced
        from bookings.hold_seats hs
        join bookings.shows s on s.show_id = hs.show_id
        join bookings.layout_seats ls on ls.layout_id = s.layout_id and ls.seat_id = hs.seat_id
        left join bookings.show_prices p on p.show_id = hs.show_id and p.category = ls.category
        where hs.hold_id = ${holdId} and hs.seat_id = any(${arrayLiteral(seatIds)}::text[])`,
  );
  if (!row || row.unpriced > 0) throw new Error(`seats of hold ${holdId} without a price`);
  return row.amount;
}
