/**
 * Postgres error codes the subgraphs act on, and how to read one from an
 * error of either driver (postgres.js or PGlite; drizzle wraps them in
 * `cause`).
 */
export const PgErrorCode = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  lockNotAvailable: '55P03',
} as const;

/** The Postgres error code of an error, looking through a few layers of `cause`. */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
