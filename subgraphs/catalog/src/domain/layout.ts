import type { LayoutSeat } from '@seats/platform';
import type { RowDraft } from './layout-rows.js';
import type { CoachDraft } from './train.js';

/**
 * Seat layouts as the catalog stores and shows them. x/y are grid positions
 * for drawing a map; the layout events (ScreenUpserted, TrainUpserted) carry
 * the same seats without the catalog-only `position`.
 */

export type SeatPosition = 'WINDOW' | 'AISLE';

/** A seat as the catalog keeps it. */
export interface CatalogSeat extends LayoutSeat {
  accessible: boolean;
  /** WINDOW or AISLE in a coach; AISLE beside a declared cinema aisle; else null. */
  position: SeatPosition | null;
}

/**
 * Cinema seats: id and label "F12". x is the row's offset plus the seat
 * number plus one column per aisle to its left, so numbers left out and
 * aisles both stay visible; y counts rows front to back plus cross aisles.
 */
export function cinemaSeats(rows: readonly RowDraft[]): CatalogSeat[] {
  const seats: CatalogSeat[] = [];
  let y = -1;
  for (const row of rows) {
    y += row.aisleBefore ? 2 : 1;
    const beside = aisleSeats(row);
    for (const range of row.ranges) {
      for (let number = range.from; number <= range.to; number++) {
        const seatId = `${row.row}${number}`;
        seats.push({
          seatId,
          label: seatId,
          row: row.row,
          number,
          category: range.category,
          x: row.offset + number + row.aislesAfter.filter((after) => after < number).length,
          y,
          accessible: range.accessible,
          position: beside.has(number) ? 'AISLE' : null,
        });
      }
    }
  }
  return seats;
}

/** Seat numbers directly left or right of one of the row's aisles. */
function aisleSeats(row: RowDraft): Set<number> {
  const numbers = row.ranges.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
  const beside = new Set<number>();
  for (const after of row.aislesAfter) {
    const left = numbers.filter((n) => n <= after).at(-1);
    const right = numbers.find((n) => n > after);
    if (left !== undefined) beside.add(left);
    if (right !== undefined) beside.add(right);
  }
  return beside;
}

/** Seats across a coach row: window, aisle | aisle, window; y 2 is the corridor. */
const across = [
  { y: 0, position: 'WINDOW' },
  { y: 1, position: 'AISLE' },
  { y: 3, position: 'AISLE' },
  { y: 4, position: 'WINDOW' },
] as const;

/** Seats per coach row. */
export const seatsPerCoachRow = across.length;

/**
 * Train seats, 4 per coach row, numbered from 1 within each coach. Coaches
 * are drawn side by side along x (one column per seat row, one empty column
 * between coaches); y runs across the coach.
 */
export function trainSeats(coaches: readonly CoachDraft[]): CatalogSeat[] {
  const seats: CatalogSeat[] = [];
  let offset = 0;
  for (const coach of coaches) {
    for (let r = 0; r < coach.rows; r++) {
      across.forEach(({ y, position }, k) => {
        const number = r * seatsPerCoachRow + k + 1;
        seats.push({
          seatId: `C${coach.number}-${number}`,
          label: `Coach ${coach.number} / ${number}`,
          row: `C${coach.number}`,
          number,
          category: coach.travelClass,
          x: offset + r,
          y,
          accessible: false,
          position,
        });
      });
    }
    offset += coach.rows + 1;
  }
  return seats;
}

/** A seat as the layout events carry it: `accessible` only when true, no position. */
export function eventSeat(seat: CatalogSeat): LayoutSeat {
  const { position: _position, accessible, ...rest } = seat;
  return accessible ? { ...rest, accessible } : rest;
}
