import { BadUserInputError } from '@seats/platform';
import { intInRange, listOf, matching, text, unique } from './rules.js';

export type TravelClass = 'FIRST' | 'SECOND';
export const travelClasses: readonly TravelClass[] = ['FIRST', 'SECOND'];

export interface RouteStopInput {
  stationName: string;
  arrivesAfterMinutes?: number | null;
  departsAfterMinutes?: number | null;
}

export interface CoachInput {
  travelClass: string;
  rows: number;
}

/** A train as an admin submits it. */
export interface TrainInput {
  number: string;
  name: string;
  route: readonly RouteStopInput[];
  coaches: readonly CoachInput[];
}

export interface RouteStopDraft {
  stationName: string;
  arrivesAfterMinutes: number | null;
  departsAfterMinutes: number | null;
}

export interface CoachDraft {
  /** 1-based, in the order given. */
  number: number;
  travelClass: TravelClass;
  rows: number;
}

/** A validated train, ready to store. */
export interface TrainDraft {
  number: string;
  name: string;
  route: RouteStopDraft[];
  coaches: CoachDraft[];
}

export const trainLimits = { stopsMax: 50, coachesMax: 20, rowsMax: 30, minutesMax: 7 * 24 * 60 } as const;

const numberPattern = /^[A-Za-z0-9][A-Za-z0-9 -]{0,19}$/;

/** Validates a new train; throws BAD_USER_INPUT naming the first problem. */
export function validateTrain(input: TrainInput): TrainDraft {
  const number = matching(
    input.number.trim(),
    'input.number',
    numberPattern,
    '1 to 20 letters, digits, spaces or dashes',
  );
  const name = text(input.name, 'input.name', 100);
  const route = validateRoute(input.route);
  const coaches = listOf(input.coaches, 'input.coaches', 1, trainLimits.coachesMax).map((coach, i) =>
    validateCoach(coach, i),
  );
  return { number, name, route, coaches };
}

/**
 * The origin has no arrival and departs at minute 0, the terminus has no
 * departure, and every arrival is later than the departure before it.
 */
function validateRoute(stops: readonly RouteStopInput[]): RouteStopDraft[] {
  const list = listOf(stops, 'input.route', 2, trainLimits.stopsMax);
  let latest = 0;
  const route = list.map((stop, i) => {
    const position = i === 0 ? 'origin' : i === list.length - 1 ? 'terminus' : 'middle';
    const draft = validateStop(stop, `input.route[${i}]`, position, latest);
    latest = draft.departsAfterMinutes ?? draft.arrivesAfterMinutes ?? latest;
    return draft;
  });
  unique(
    route,
    (i) => `input.route[${i}].stationName`,
    (s) => s.stationName.toLowerCase(),
  );
  return route;
}

function validateStop(
  stop: RouteStopInput,
  path: string,
  position: 'origin' | 'middle' | 'terminus',
  after: number,
): RouteStopDraft {
  const stationName = text(stop.stationName, `${path}.stationName`, 100);
  if (position === 'origin') {
    absent(stop.arrivesAfterMinutes, `${path}.arrivesAfterMinutes`);
    return {
      stationName,
      arrivesAfterMinutes: null,
      departsAfterMinutes: origin(stop.departsAfterMinutes, `${path}.departsAfterMinutes`),
    };
  }
  const arrives = minutes(stop.arrivesAfterMinutes, `${path}.arrivesAfterMinutes`, after + 1);
  const departs =
    position === 'terminus'
      ? absent(stop.departsAfterMinutes, `${path}.departsAfterMinutes`)
      : minutes(stop.departsAfterMinutes, `${path}.departsAfterMinutes`, arrives);
  return { stationName, arrivesAfterMinutes: arrives, departsAfterMinutes: departs };
}

function absent(value: number | null | undefined, field: string): null {
  if (value !== null && value !== undefined) throw new BadUserInputError(field, `${field} must be omitted here`);
  return null;
}

function origin(value: number | null | undefined, field: string): number {
  return intInRange(value ?? 0, field, 0, 0);
}

function minutes(value: number | null | undefined, field: string, min: number): number {
  if (value === null || value === undefined) throw new BadUserInputError(field, `${field} is required here`);
  return intInRange(value, field, min, trainLimits.minutesMax);
}

function validateCoach(input: CoachInput, index: number): CoachDraft {
  const path = `input.coaches[${index}]`;
  const travelClass = input.travelClass.trim();
  if (!travelClasses.includes(travelClass as TravelClass)) {
    throw new BadUserInputError(`${path}.travelClass`, `${path}.travelClass must be FIRST or SECOND`);
  }
  const rows = intInRange(input.rows, `${path}.rows`, 1, trainLimits.rowsMax);
  return { number: index + 1, travelClass: travelClass as TravelClass, rows };
}
