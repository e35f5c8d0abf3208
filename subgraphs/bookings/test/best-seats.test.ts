import type { LayoutSeat } from '@seats/platform';
import { describe, expect, it } from 'vitest';
import { chooseBestSeats, type BestSeatsAsk } from '../src/domain/best-seats.js';

/** Cinema rows front to back: each row `row` with seats `from`..`to` (x = number, plus one column per aisle to its left). */
function hall(rows: Array<{ row: string; to: number; aisleAfter?: number; category?: string; accessible?: number[] }>) {
  return rows.flatMap(({ row, to, aisleAfter, category = 'STANDARD', accessible = [] }, y): LayoutSeat[] =>
    Array.from({ length: to }, (_, i) => {
      const number = i + 1;
      const x = number + (aisleAfter !== undefined && number > aisleAfter ? 1 : 0);
      const seat: LayoutSeat = { seatId: `${row}${number}`, label: `${row}${number}`, row, number, category, x, y };
      return accessible.includes(number) ? { ...seat, accessible: true } : seat;
    }),
  );
}

/** A train's coaches side by side along x, four seats per seat row across y (0 window, 1 aisle, 3 aisle, 4 window). */
function train(coaches: number[]): LayoutSeat[] {
  let offset = 0;
  return coaches.flatMap((rows, c) => {
    const seats = Array.from({ length: rows * 4 }, (_, i): LayoutSeat => {
      const number = i + 1;
      return {
        seatId: `C${c + 1}-${number}`,
        label: `Coach ${c + 1} / ${number}`,
        row: `C${c + 1}`,
        number,
        category: 'SECOND',
        x: offset + Math.floor(i / 4),
        y: [0, 1, 3, 4][i % 4]!,
      };
    });
    offset += rows + 1;
    return seats;
  });
}

const ask = (count: number, more: Partial<BestSeatsAsk> = {}): BestSeatsAsk => ({
  count,
  category: null,
  accessible: false,
  near: null,
  position: null,
  ...more,
});

const none = new Set<string>();

describe('best available seats', () => {
  it('chooses seats side by side in the middle of the row a third of the way back', () => {
    const seats = hall(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((row) => ({ row, to: 10 })));
    expect(chooseBestSeats('SCREENING', seats, none, ask(2))).toEqual({ seatIds: ['C5', 'C6'], relaxed: [] });
    expect(chooseBestSeats('SCREENING', seats, none, ask(4))).toEqual({
      seatIds: ['C4', 'C5', 'C6', 'C7'],
      relaxed: [],
    });
  });

  it('sits nearest a point it is given', () => {
    const seats = hall(['A', 'B', 'C', 'D'].map((row) => ({ row, to: 10 })));
    expect(chooseBestSeats('SCREENING', seats, none, ask(2, { near: { x: 10, y: 3 } }))?.seatIds).toEqual([
      'D9',
      'D10',
    ]);
  });

  it('leaves no single free seat beside a taken one when a block elsewhere avoids it', () => {
    const seats = hall([{ row: 'A', to: 6 }]);
    // A3-A5 is nearest the middle but would strand A2 next to the taken A1.
    expect(chooseBestSeats('SCREENING', seats, new Set(['A1']), ask(3))).toEqual({
      seatIds: ['A2', 'A3', 'A4'],
      relaxed: [],
    });
  });

  it('leaves an orphan only when every block would, and says so', () => {
    const seats = hall([{ row: 'A', to: 5 }]);
    const choice = chooseBestSeats('SCREENING', seats, new Set(['A1']), ask(3));
    expect(choice?.relaxed).toEqual(['ORPHAN']);
    expect(choice?.seatIds).toHaveLength(3);
  });

  it('never spans an aisle', () => {
    const seats = hall([{ row: 'A', to: 8, aisleAfter: 4 }]);
    const choice = chooseBestSeats('SCREENING', seats, none, ask(4));
    expect([
      ['A1', 'A2', 'A3', 'A4'],
      ['A5', 'A6', 'A7', 'A8'],
    ]).toContainEqual(choice?.seatIds);
    expect(choice?.relaxed).toEqual([]);
  });

  it('splits across rows only when no row has the seats side by side, nearest each other', () => {
    const seats = hall(['A', 'B', 'C'].map((row) => ({ row, to: 3 })));
    const choice = chooseBestSeats('SCREENING', seats, none, ask(6));
    expect(choice?.relaxed).toEqual(['SPLIT']);
    expect(choice?.seatIds).toHaveLength(6);
    const rows = new Set(choice!.seatIds.map((id) => id[0]));
    expect(rows.size).toBe(2);
    expect(rows.has('B')).toBe(true);
    // Five of nine: the second row's block leaves one seat of it alone.
    expect(chooseBestSeats('SCREENING', seats, none, ask(5))?.relaxed).toEqual(['ORPHAN', 'SPLIT']);
  });

  it('answers null when fewer seats match than asked for', () => {
    const seats = hall([{ row: 'A', to: 4 }]);
    expect(chooseBestSeats('SCREENING', seats, new Set(['A1', 'A2', 'A3']), ask(2))).toBeNull();
    expect(chooseBestSeats('SCREENING', seats, none, ask(2, { category: 'PREMIUM' }))).toBeNull();
  });

  it('keeps to the category asked for, and to wheelchair spaces only when asked', () => {
    const seats = hall([
      { row: 'A', to: 6, accessible: [3, 4] },
      { row: 'B', to: 6, category: 'PREMIUM' },
    ]);
    const standard = chooseBestSeats('SCREENING', seats, none, ask(2, { category: 'STANDARD' }));
    expect(standard?.seatIds).toEqual(['A1', 'A2']);
    expect(chooseBestSeats('SCREENING', seats, none, ask(2, { accessible: true }))?.seatIds).toEqual(['A3', 'A4']);
    expect(chooseBestSeats('SCREENING', seats, none, ask(2, { category: 'PREMIUM' }))?.seatIds).toEqual(['B3', 'B4']);
  });

  it('seats a pair of travellers side by side and four facing, in one coach', () => {
    const seats = train([3, 3]);
    const pair = chooseBestSeats('TRIP', seats, none, ask(2))!;
    const byId = new Map(seats.map((s) => [s.seatId, s]));
    const [a, b] = pair.seatIds.map((id) => byId.get(id)!);
    expect(a!.x).toBe(b!.x);
    expect(Math.abs(a!.y - b!.y)).toBe(1);

    const four = chooseBestSeats('TRIP', seats, none, ask(4))!.seatIds.map((id) => byId.get(id)!);
    expect(new Set(four.map((s) => s.row)).size).toBe(1);
    expect(new Set(four.map((s) => s.y < 2)).size).toBe(1);
    expect(new Set(four.map((s) => s.x)).size).toBe(2);
  });

  it('gives a traveller the window or corridor seat asked for', () => {
    const seats = train([2]);
    const byId = new Map(seats.map((s) => [s.seatId, s]));
    const window = chooseBestSeats('TRIP', seats, none, ask(1, { position: 'WINDOW' }))!;
    expect([0, 4]).toContain(byId.get(window.seatIds[0]!)!.y);
    const aisle = chooseBestSeats('TRIP', seats, none, ask(1, { position: 'AISLE' }))!;
    expect([1, 3]).toContain(byId.get(aisle.seatIds[0]!)!.y);
  });

  it('never chooses a taken seat nor the same seat twice, whatever is taken', () => {
    const seats = hall(['A', 'B', 'C', 'D', 'E'].map((row) => ({ row, to: 12, aisleAfter: 6 })));
    let random = 7;
    const next = () => (random = (random * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const taken = new Set(seats.filter(() => next() < 0.6).map((s) => s.seatId));
      const count = 1 + Math.floor(next() * 8);
      const choice = chooseBestSeats('SCREENING', seats, taken, ask(count));
      const free = seats.length - taken.size;
      if (free < count) {
        expect(choice).toBeNull();
        continue;
      }
      expect(choice!.seatIds).toHaveLength(count);
      expect(new Set(choice!.seatIds).size).toBe(count);
      expect(choice!.seatIds.some((id) => taken.has(id))).toBe(false);
    }
  });
});
