import { BadUserInputError } from '@seats/platform';

/** The leg range a request covers; a screening is the single leg [0, 1). */
export interface Legs {
  from: number;
  to: number;
  /** What the API shows: null for screenings. */
  fromStop: number | null;
  toStop: number | null;
}

/** What the legs of a show depend on. */
export interface LegsOfShow {
  kind: 'SCREENING' | 'TRIP';
  legCount: number;
}

type Stop = number | null | undefined;

/**
 * The legs a hold takes: a trip's hold names both stops, a screening's
 * names none. Errors name the fields under `input.`.
 */
export function holdLegs(show: LegsOfShow, fromStop: Stop, toStop: Stop): Legs {
  return checkedLegs(show, fromStop, toStop, 'input.', true);
}

/**
 * The legs a read asks about (a seat map, a count of free seats, a live
 * change): a trip's stops default to its whole route. Errors name the
 * field arguments `fromStop` and `toStop`.
 */
export function viewLegs(show: LegsOfShow, fromStop: Stop, toStop: Stop): Legs {
  return checkedLegs(show, fromStop, toStop, '', false);
}

/** The legs of what a hold or booking recorded (checked when it was made). */
export function recordedLegs(show: LegsOfShow, claim: { fromStop: number | null; toStop: number | null }): Legs {
  return viewLegs(show, claim.fromStop, claim.toStop);
}

function checkedLegs(show: LegsOfShow, fromStop: Stop, toStop: Stop, field: string, required: boolean): Legs {
  if (show.kind === 'SCREENING') {
    if (fromStop != null) throw new BadUserInputError(`${field}fromStop`, 'fromStop applies to train trips only');
    if (toStop != null) throw new BadUserInputError(`${field}toStop`, 'toStop applies to train trips only');
    return { from: 0, to: 1, fromStop: null, toStop: null };
  }
  if (required && fromStop == null)
    throw new BadUserInputError(`${field}fromStop`, 'fromStop is required for a train trip');
  if (required && toStop == null) throw new BadUserInputError(`${field}toStop`, 'toStop is required for a train trip');
  const from = fromStop ?? 0;
  const to = toStop ?? show.legCount;
  if (from < 0 || from >= show.legCount)
    throw new BadUserInputError(`${field}fromStop`, `fromStop must be between 0 and ${show.legCount - 1}`);
  if (to <= from || to > show.legCount)
    throw new BadUserInputError(`${field}toStop`, `toStop must be after fromStop and at most ${show.legCount}`);
  return { from, to, fromStop: from, toStop: to };
}
