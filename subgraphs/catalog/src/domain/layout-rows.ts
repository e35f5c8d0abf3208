import { BadUserInputError } from '@seats/platform';
import { intInRange, listOf, matching, unique } from './rules.js';

/** A block of consecutive seats as an admin submits it. */
export interface SeatRangeInput {
  from: number;
  to: number;
  category: string;
  accessible?: boolean | null;
}

/**
 * A row as an admin submits it: either one block (`from`, `to`, `category`)
 * or several `ranges`; numbers left out between blocks stay empty in the
 * drawing, and `aislesAfter` opens an aisle column after a seat number.
 */
export interface LayoutRowInput {
  row: string;
  from?: number | null;
  to?: number | null;
  category?: string | null;
  accessible?: boolean | null;
  ranges?: readonly SeatRangeInput[] | null;
  aislesAfter?: readonly number[] | null;
  offset?: number | null;
  aisleBefore?: boolean | null;
}

export interface SeatRange {
  from: number;
  to: number;
  category: string;
  accessible: boolean;
}

/** A validated row: ranges sorted left to right, no seat twice. */
export interface RowDraft {
  row: string;
  ranges: SeatRange[];
  aislesAfter: number[];
  offset: number;
  aisleBefore: boolean;
}

export const layoutLimits = {
  screensMax: 20,
  rowsMax: 100,
  seatsPerRowMax: 200,
  seatsMax: 10_000,
  seatNumberMax: 999,
  rangesPerRowMax: 20,
  aislesPerRowMax: 10,
  offsetMax: 100,
} as const;

/**
 * Row names are letters only, so a seat id `${row}${number}` ("F12") can
 * never be read two ways.
 */
const rowPattern = /^[A-Z]{1,3}$/;
export const categoryPattern = /^[A-Z][A-Z0-9_]{0,31}$/;

/** Validates one row; throws BAD_USER_INPUT naming the first problem under `path`. */
export function validateRow(input: LayoutRowInput, path: string): RowDraft {
  const row = matching(input.row.trim(), `${path}.row`, rowPattern, '1 to 3 capital letters');
  const ranges = rowRanges(input, row, path);
  if (seatCount(ranges) > layoutLimits.seatsPerRowMax) {
    const field = input.ranges ? `${path}.ranges` : `${path}.to`;
    throw new BadUserInputError(field, `a row has at most ${layoutLimits.seatsPerRowMax} seats`);
  }
  const aislesAfter = validateAisles(input.aislesAfter, ranges, path);
  const offset = intInRange(input.offset ?? 0, `${path}.offset`, 0, layoutLimits.offsetMax);
  return { row, ranges, aislesAfter, offset, aisleBefore: input.aisleBefore ?? false };
}

/** Seats in some ranges. */
export function seatCount(ranges: readonly SeatRange[]): number {
  return ranges.reduce((sum, r) => sum + r.to - r.from + 1, 0);
}

function rowRanges(input: LayoutRowInput, row: string, path: string): SeatRange[] {
  if (input.ranges === null || input.ranges === undefined) {
    const from = required(input.from, `${path}.from`);
    const to = required(input.to, `${path}.to`);
    const category = required(input.category, `${path}.category`);
    return [validateRange({ from, to, category, accessible: input.accessible }, path)];
  }
  const shorthand = [input.from, input.to, input.category].some((v) => v !== null && v !== undefined);
  if (shorthand || input.accessible === true) {
    throw new BadUserInputError(`${path}.ranges`, `${path} takes either from, to and category or ranges, not both`);
  }
  const list = listOf(input.ranges, `${path}.ranges`, 1, layoutLimits.rangesPerRowMax);
  const ranges = list.map((r, j) => validateRange(r, `${path}.ranges[${j}]`));
  refuseOverlaps(ranges, row, path);
  return [...ranges].sort((a, b) => a.from - b.from);
}

function validateRange(input: SeatRangeInput, path: string): SeatRange {
  const from = intInRange(input.from, `${path}.from`, 1, layoutLimits.seatNumberMax);
  const to = intInRange(input.to, `${path}.to`, from, layoutLimits.seatNumberMax);
  const category = matching(input.category.trim(), `${path}.category`, categoryPattern, 'like STANDARD or PREMIUM');
  return { from, to, category, accessible: input.accessible ?? false };
}

/** Two ranges of one row may not share a seat; the later one given is named. */
function refuseOverlaps(ranges: readonly SeatRange[], row: string, path: string): void {
  const order = ranges.map((range, index) => ({ range, index })).sort((a, b) => a.range.from - b.range.from);
  for (let k = 1; k < order.length; k++) {
    const previous = order[k - 1]!;
    const current = order[k]!;
    if (current.range.from <= previous.range.to) {
      const field = `${path}.ranges[${Math.max(previous.index, current.index)}]`;
      throw new BadUserInputError(field, `seat ${row}${current.range.from} is listed twice`);
    }
  }
}

/** Aisles run between two seats of the row: after its first seat and before its last. */
function validateAisles(values: readonly number[] | null | undefined, ranges: SeatRange[], path: string): number[] {
  const first = ranges[0]!.from;
  const last = ranges.at(-1)!.to;
  const aisles = listOf(values, `${path}.aislesAfter`, 0, layoutLimits.aislesPerRowMax).map((after, k) =>
    intInRange(after, `${path}.aislesAfter[${k}]`, first, last - 1),
  );
  unique(
    aisles,
    (k) => `${path}.aislesAfter[${k}]`,
    (a) => String(a),
  );
  return [...aisles].sort((a, b) => a - b);
}

function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw new BadUserInputError(field, `${field} is required`);
  return value;
}
