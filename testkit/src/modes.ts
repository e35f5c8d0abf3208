/**
 * The two ways the platform runs, as a suite sees them:
 *
 * - `embedded`: PGlite in a temporary folder and the in-process bus;
 * - `services`: a scratch database on TEST_DATABASE_URL and JetStream on
 *   TEST_NATS_URL under a prefix of its own.
 *
 * This module is the testkit's one reader of the environment.
 */

/** How a suite runs: see the module comment. */
export type Mode = 'embedded' | 'services';

/** What the environment says about the test servers. */
export interface TestEnvironment {
  /** A Postgres server URL whose user may create and drop databases. */
  databaseUrl: string | undefined;
  /** A NATS server URL with JetStream enabled. */
  natsUrl: string | undefined;
  /** The level of the loggers the testkit creates (TEST_LOG_LEVEL, default silent). */
  logLevel: string;
}

const read = (name: string): string | undefined => process.env[name]?.trim() || undefined;

/** TEST_DATABASE_URL, TEST_NATS_URL and TEST_LOG_LEVEL, read once. */
export const testEnvironment: Readonly<TestEnvironment> = Object.freeze({
  databaseUrl: read('TEST_DATABASE_URL'),
  natsUrl: read('TEST_NATS_URL'),
  logLevel: read('TEST_LOG_LEVEL') ?? 'silent',
});

/**
 * The modes to run every suite in: embedded always, services too when both
 * server URLs are set. In CI (`CI` set) a missing URL fails the import, so
 * that no suite silently loses its Postgres and NATS half.
 *
 * @example
 * describe.each(modes)('scheduling screenings (%s)', (mode) => { ... });
 */
export const modes: Mode[] = (() => {
  if (testEnvironment.databaseUrl && testEnvironment.natsUrl) return ['embedded', 'services'];
  if (read('CI')) {
    throw new Error(
      'CI must set TEST_DATABASE_URL and TEST_NATS_URL: the services mode of the database and bus suites may not be skipped',
    );
  }
  return ['embedded'];
})();

/** The server URL services mode needs; throws when it is not configured. */
export function serviceUrl(server: 'database' | 'nats'): string {
  const url = server === 'database' ? testEnvironment.databaseUrl : testEnvironment.natsUrl;
  if (!url) throw new Error(`services mode needs ${server === 'database' ? 'TEST_DATABASE_URL' : 'TEST_NATS_URL'}`);
  return url;
}
