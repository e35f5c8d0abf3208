/** The Postgres error code of an error from either driver (drizzle wraps them). */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const exclusionViolation = '23P01';
export const lockNotAvailable = '55P03';
export const uniqueViolation = '23505';
