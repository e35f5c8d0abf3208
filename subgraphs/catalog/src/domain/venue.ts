import { BadUserInputError } from '@seats/platform';
import { intInRange, listOf, matching, text, unique } from './rules.js';

/** A row of seats `from`..`to` as an admin submits it. */
export interface LayoutRowInput {
  row: string;
  from: number;
  to: number;
  category: string;
}

export interface ScreenInput {
  name: string;
  rows: readonly LayoutRowInput[];
}

/** A cinema with its screens as an admin submits it. */
export interface VenueInput {
  name: string;
  city: string;
  address: string;
  screens: readonly ScreenInput[];
}

export interface ScreenDraft {
  name: string;
  rows: LayoutRowInput[];
}

/** A validated cinema, ready to store. */
export interface VenueDraft {
  name: string;
  city: string;
  address: string;
  screens: ScreenDraft[];
}

export const layoutLimits = {
  screensMax: 20,
  rowsMax: 100,
  seatsPerRowMax: 200,
  seatsMax: 10_000,
  seatNumberMax: 999,
} as const;

/**
 * Row names are letters only, so a seat id `${row}${number}` ("F12") can
 * never be read two ways.
 */
const rowPattern = /^[A-Z]{1,3}$/;
export const categoryPattern = /^[A-Z][A-Z0-9_]{0,31}$/;

/** Validates a new cinema and its layouts; throws BAD_USER_INPUT naming the first problem. */
export function validateVenue(input: VenueInput): VenueDraft {
  const name = text(input.name, 'input.name', 100);
  const city = text(input.city, 'input.city', 100);
  const address = text(input.address, 'input.address', 200);
  const screens = listOf(input.screens, 'input.screens', 1, layoutLimits.screensMax).map((screen, i) =>
    validateScreen(screen, `input.screens[${i}]`),
  );
  unique(
    screens,
    (i) => `input.screens[${i}].name`,
    (s) => s.name.toLowerCase(),
  );
  return { name, city, address, screens };
}

function validateScreen(input: ScreenInput, path: string): ScreenDraft {
  const name = text(input.name, `${path}.name`, 100);
  const rows = listOf(input.rows, `${path}.rows`, 1, layoutLimits.rowsMax).map((row, i) =>
    validateRow(row, `${path}.rows[${i}]`),
  );
  unique(
    rows,
    (i) => `${path}.rows[${i}].row`,
    (r) => r.row,
  );
  const seats = rows.reduce((sum, r) => sum + r.to - r.from + 1, 0);
  if (seats > layoutLimits.seatsMax) {
    throw new BadUserInputError(`${path}.rows`, `a screen has at most ${layoutLimits.seatsMax} seats`);
  }
  return { name, rows };
}

function validateRow(input: LayoutRowInput, path: string): LayoutRowInput {
  const row = matching(input.row.trim(), `${path}.row`, rowPattern, '1 to 3 capital letters');
  const from = intInRange(input.from, `${path}.from`, 1, layoutLimits.seatNumberMax);
  const to = intInRange(input.to, `${path}.to`, from, layoutLimits.seatNumberMax);
  if (to - from + 1 > layoutLimits.seatsPerRowMax) {
    throw new BadUserInputError(`${path}.to`, `a row has at most ${layoutLimits.seatsPerRowMax} seats`);
  }
  const category = matching(input.category.trim(), `${path}.category`, categoryPattern, 'like STANDARD or PREMIUM');
  return { row, from, to, category };
}
