import { BadUserInputError } from '@seats/platform';
import type { Legs } from './legs.js';

/**
 * Ids of seats as clients see them. Normalising caches (Apollo Client, urql
 * graphcache, Relay) keep one object per `__typename:id`, so a Seat's id must
 * name exactly what its fields describe: the seat of one show and, on a
 * trip, for one range of legs (status and price differ per legs). A seat's
 * code ("E7", "C3-45") is unique only within its show's layout.
 *
 * Ids read `<showId>:<code>`, and `<showId>:<code>:<from>-<to>` on trips;
 * clients treat them as opaque.
 */
export function seatId(showId: string, code: string, legs: Legs): string {
  return legs.fromStop === null ? `${showId}:${code}` : `${showId}:${code}:${legs.from}-${legs.to}`;
}

/** The id of a show's seat map for some legs, by the same rule as its seats. */
export function seatMapId(showId: string, legs: Legs): string {
  return legs.fromStop === null ? showId : `${showId}:${legs.from}-${legs.to}`;
}

const codePattern = /^[A-Za-z0-9_-]{1,32}$/;
// A trip seat's id may end in the legs of the map it came from; a hold's own stops decide its legs.
const idPattern = /^([0-9a-f-]{36}):([A-Za-z0-9_-]{1,32})(?::\d{1,4}-\d{1,4})?$/i;

/** A seat as a client named it in a hold: a Seat.id from a seat map, or the seat's code. */
export interface SeatRef {
  /** What the client sent, to name the seat back in errors. */
  given: string;
  code: string;
  /** The show an id names; undefined for a bare code. */
  showId: string | undefined;
}

/** Reads a client's seat reference; BAD_USER_INPUT when it is neither an id nor a code. */
export function parseSeatRef(value: string, field: string): SeatRef {
  if (codePattern.test(value)) return { given: value, code: value, showId: undefined };
  const [, showId, code] = idPattern.exec(value) ?? [];
  if (!showId || !code) throw new BadUserInputError(field, 'A seat id is malformed');
  return { given: value, code, showId: showId.toLowerCase() };
}

/**
 * Checks that a seat id names a seat of the show being held: an id copied
 * from another show's map would otherwise hold a seat the client never saw.
 * The legs a trip seat's id carries are those of the map it came from; the
 * hold's own stops say which legs it takes.
 */
export function checkSeatRef(ref: SeatRef, showId: string, field: string): void {
  if (ref.showId !== undefined && ref.showId !== showId) {
    throw new BadUserInputError(field, 'A seat id belongs to another show');
  }
}
