import { BadUserInputError } from '@seats/platform';
import { layoutLimits, seatCount, validateRow, type LayoutRowInput, type RowDraft } from './layout-rows.js';
import { listOf, text, unique } from './rules.js';

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
  rows: RowDraft[];
}

/** A validated cinema, ready to store. */
export interface VenueDraft {
  name: string;
  city: string;
  address: string;
  screens: ScreenDraft[];
}

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

/**
 * A screen's rows: each row name once (so no seat id repeats across rows),
 * at most 10,000 seats in all.
 */
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
  const seats = rows.reduce((sum, r) => sum + seatCount(r.ranges), 0);
  if (seats > layoutLimits.seatsMax) {
    throw new BadUserInputError(`${path}.rows`, `a screen has at most ${layoutLimits.seatsMax} seats`);
  }
  return { name, rows };
}
