import { BadUserInputError, parseInstant, type PriceEntry, type RouteStop } from '@seats/platform';
import type { ShowStopModel } from '../models.js';

/** Rules of the schedule that need no database. */

/** A screen is cleaned for this long after each screening before the next may start. */
export const cleaningBufferMinutes = 15;
export const maxAmount = 1_000_000;
/** How far ahead a show may be scheduled. */
export const horizonDays = 730;

export interface PriceInput {
  category: string;
  amount: number;
}

const currencyPattern = /^[A-Z]{3}$/;
const minuteMs = 60_000;

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * minuteMs);
}

/** An ISO-8601 instant with a time and an offset, after `now` and within the horizon. */
export function parseFutureInstant(value: unknown, field: string, now: Date): Date {
  const at = parseInstant(value, field);
  if (at.getTime() <= now.getTime()) throw new BadUserInputError(field, `${field} must be in the future`);
  if (at.getTime() > now.getTime() + horizonDays * 24 * 60 * minuteMs) {
    throw new BadUserInputError(field, `${field} must be within ${horizonDays} days`);
  }
  return at;
}

/** An ISO 4217 code; EUR when absent. */
export function parseCurrency(value: string | null | undefined): string {
  const currency = value ?? 'EUR';
  if (!currencyPattern.test(currency)) {
    throw new BadUserInputError('input.currency', 'input.currency must be three capital letters, e.g. EUR');
  }
  return currency;
}

/** Each amount is a whole number of minor units in 0..1,000,000. */
export function checkAmounts(prices: readonly PriceInput[]): void {
  prices.forEach((price, i) => {
    if (!Number.isInteger(price.amount) || price.amount < 0 || price.amount > maxAmount) {
      const field = `input.prices[${i}].amount`;
      throw new BadUserInputError(field, `${field} must be between 0 and ${maxAmount}`);
    }
  });
}

/**
 * Exactly one price for each category the layout has, none for others;
 * returned sorted by category (the order they are read back in).
 */
export function matchCategories(
  prices: readonly PriceInput[],
  categories: readonly string[],
  currency: string,
): PriceEntry[] {
  const byCategory = new Map(prices.map((p) => [p.category, p.amount]));
  const known = new Set(categories);
  const unknown = prices.filter((p) => !known.has(p.category)).map((p) => p.category);
  const missing = categories.filter((c) => !byCategory.has(c));
  if (byCategory.size !== prices.length || unknown.length > 0 || missing.length > 0) {
    throw new BadUserInputError(
      'input.prices',
      `input.prices must hold one price for each of ${categories.join(', ')}` +
        (unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  return [...categories].sort().map((category) => ({ category, amount: byCategory.get(category) ?? 0, currency }));
}

/** A trip's stops: the route's minutes counted from the departure at the origin. */
export function tripStops(route: readonly RouteStop[], departsAt: Date): ShowStopModel[] {
  return route.map((stop, index) => ({
    index,
    stationId: stop.stationId,
    arrivesAt: stop.arrivesAfterMinutes === null ? null : addMinutes(departsAt, stop.arrivesAfterMinutes),
    departsAt: stop.departsAfterMinutes === null ? null : addMinutes(departsAt, stop.departsAfterMinutes),
  }));
}

/** When a trip reaches its terminus. */
export function tripEnd(route: readonly RouteStop[], departsAt: Date): Date {
  const minutes = route.at(-1)?.arrivesAfterMinutes;
  if (minutes === null || minutes === undefined) throw new Error('a route ends with an arrival');
  return addMinutes(departsAt, minutes);
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day YYYY-MM-DD in UTC, as the half-open range [start, end). */
export function parseUtcDay(value: string, field: string): { start: Date; end: Date } {
  const match = dayPattern.exec(value);
  const start = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  // Date.UTC rolls 2030-02-30 over into March: a real day reads back the same.
  if (start?.toISOString().slice(0, 10) !== value) {
    throw new BadUserInputError(field, `${field} must be a day as YYYY-MM-DD, e.g. 2030-01-31`);
  }
  return { start, end: addMinutes(start, 24 * 60) };
}
