import { BadUserInputError } from '@seats/platform';

/** Limits on what an account may hold; the SDL and the database checks agree with these. */
export const limits = {
  emailMaxLength: 254,
  /** RFC 5321 bounds the part before the @ separately. */
  emailLocalMaxLength: 64,
  nameMaxLength: 100,
  passwordMinLength: 10,
  passwordMaxLength: 128,
} as const;

// A pragmatic address check: one @, no spaces or characters that need quoting,
// and a dotted domain of DNS labels (punycode for international names).
const emailPattern = /^[^\s@"<>()[\]\\,;:]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
const controlCharacters = /\p{Cc}/u;

/** Lengths count code points, so an emoji counts as one character rather than two UTF-16 units. */
function lengthOf(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** The stored form of an email address: trimmed and lower-cased. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * Validates and normalises an email address for a new account.
 *
 * @example parseEmail('  Ada@Example.COM ', 'input.email') // 'ada@example.com'
 */
export function parseEmail(raw: string, field: string): string {
  const email = normaliseEmail(raw);
  if (email.length > limits.emailMaxLength) {
    throw new BadUserInputError(field, `${field} must be at most ${limits.emailMaxLength} characters`);
  }
  const local = email.slice(0, email.lastIndexOf('@'));
  if (!emailPattern.test(email) || local.length > limits.emailLocalMaxLength) {
    throw new BadUserInputError(field, `${field} must be a valid email address`);
  }
  return email;
}

/** Validates a display name: 1 to 100 characters once trimmed, no control characters. */
export function parseName(raw: string, field: string): string {
  const name = raw.trim();
  const length = lengthOf(name);
  if (length < 1 || length > limits.nameMaxLength) {
    throw new BadUserInputError(field, `${field} must be 1 to ${limits.nameMaxLength} characters`);
  }
  if (controlCharacters.test(name)) {
    throw new BadUserInputError(field, `${field} must not contain control characters`);
  }
  return name;
}

/**
 * Checks a new password against the policy (10 to 128 characters). The
 * password is returned as given: it is never trimmed or otherwise altered.
 */
export function parsePassword(raw: string, field: string): string {
  const length = lengthOf(raw);
  if (length < limits.passwordMinLength || length > limits.passwordMaxLength) {
    throw new BadUserInputError(
      field,
      `${field} must be ${limits.passwordMinLength} to ${limits.passwordMaxLength} characters`,
    );
  }
  return raw;
}

/**
 * Bounds sign-in input (email already normalised) before any lookup or
 * hashing. Only upper bounds: a password set under an older, laxer policy
 * must still work, and a malformed address simply matches no account.
 */
export function boundCredentials(email: string, password: string): void {
  if (email.length > limits.emailMaxLength) {
    throw new BadUserInputError('input.email', `input.email must be at most ${limits.emailMaxLength} characters`);
  }
  if (lengthOf(password) > limits.passwordMaxLength) {
    throw new BadUserInputError(
      'input.password',
      `input.password must be at most ${limits.passwordMaxLength} characters`,
    );
  }
}
