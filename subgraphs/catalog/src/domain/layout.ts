import type { LayoutSeat } from '@seats/platform';
import type { LayoutRowInput } from './venue.js';
import type { CoachDraft } from './train.js';

/**
 * Seat layouts as the rest of the platform sees them (ScreenUpserted and
 * TrainUpserted carry them). x/y are grid positions for drawing a map.
 */

/** Cinema seats: id and label "F12"; x is the seat number (gaps kept), y the row's index front to back. */
export function cinemaSeats(rows: readonly LayoutRowInput[]): LayoutSeat[] {
  return rows.flatMap((row, y) =>
    range(row.from, row.to).map((number) => {
      const seatId = `${row.row}${number}`;
      return { seatId, label: seatId, row: row.row, number, category: row.category, x: number, y };
    }),
  );
}

/** Seats across a coach row: window, aisle | aisle, window; y 2 is the corridor. */
const acrossPositions = [0, 1, 3, 4] as const;

/**
 * Train seats, 4 per coach row, numbered from 1 within each coach. Coaches
 * are drawn side by side along x (one column per seat row, one empty column
 * between coaches); y runs across the coach.
 */
export function trainSeats(coaches: readonly CoachDraft[]): LayoutSeat[] {
  const seats: LayoutSeat[] = [];
  let offset = 0;
  for (const coach of coaches) {
    for (let r = 0; r < coach.rows; r++) {
      acrossPositions.forEach((y, k) => {
        const number = r * acrossPositions.length + k + 1;
        seats.push({
          seatId: `C${coach.number}-${number}`,
          label: `Coach ${coach.number} / ${number}`,
          row: `C${coach.number}`,
          number,
          category: coach.travelClass,
          x: offset + r,
          y,
        });
      });
    }
    offset += coach.rows + 1;
  }
  return seats;
}

/** Seats per coach row. */
export const seatsPerCoachRow = acrossPositions.length;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
