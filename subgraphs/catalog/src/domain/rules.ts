import { BadUserInputError } from '@seats/platform';

/**
 * Small input checks shared by the catalog's validators. Each returns the
 * cleaned value or throws BAD_USER_INPUT naming the input path.
 */

/** Trimmed text of `min`..`max` characters. */
export function text(value: string, field: string, max: number, min = 1): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) {
    throw new BadUserInputError(field, `${field} must be ${min} to ${max} characters long`);
  }
  return trimmed;
}

/** Optional trimmed text: null when absent or blank. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return text(value, field, max);
}

/** An integer in `min`..`max`. */
export function intInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(field, `${field} must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** A value that matches a pattern; `what` describes the expected shape. */
export function matching(value: string, field: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new BadUserInputError(field, `${field} must be ${what}`);
  return value;
}

/** A list of `min`..`max` entries (absent counts as empty). */
export function listOf<T>(
  values: readonly T[] | null | undefined,
  field: string,
  min: number,
  max: number,
): readonly T[] {
  const list = values ?? [];
  if (list.length < min || list.length > max) {
    throw new BadUserInputError(field, `${field} must have ${min} to ${max} entries`);
  }
  return list;
}

/** Throws when `key(value)` repeats; names the first repeat's path. */
export function unique<T>(values: readonly T[], field: (index: number) => string, key: (value: T) => string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const k = key(value);
    if (seen.has(k)) throw new BadUserInputError(field(index), `${field(index)} is a duplicate`);
    seen.add(k);
  });
}

/** An https URL of at most 2000 characters, or null. */
export function optionalHttpsUrl(value: string | null | undefined, field: string): string | null {
  const raw = optionalText(value, field, 2000);
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadUserInputError(field, `${field} must be an https URL`);
  }
  if (url.protocol !== 'https:') throw new BadUserInputError(field, `${field} must be an https URL`);
  return url.toString();
}
