/**
 * A database of its own for one fixture on the TEST_DATABASE_URL server, so
 * that test files running in parallel never share tables.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { serviceUrl } from './modes.js';

/** A database created for one fixture. */
export interface ScratchDatabase {
  /** Its URL: the server's, with the new database's name as the path. */
  readonly url: string;
  /** Drops the database, closing the connections still open to it. */
  dispose(): Promise<void>;
}

/**
 * Creates `<prefix>_<random>` on the server (TEST_DATABASE_URL unless
 * another is given). `prefix` is a lower-case SQL identifier.
 *
 * @example
 * const scratch = await scratchDatabase('gateway_test');
 * const database = await openDatabase({ name: 'gateway', url: scratch.url, ... });
 * // ...
 * await database.dispose();
 * await scratch.dispose();
 */
export async function scratchDatabase(prefix: string, serverUrl = serviceUrl('database')): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`not a database name prefix: ${prefix}`);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (server) => server.unsafe(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: () => onServer(serverUrl, (server) => server.unsafe(`drop database if exists ${name} with (force)`)),
  };
}

/** Runs one statement on a short-lived connection to the server. */
async function onServer(serverUrl: string, statement: (server: postgres.Sql) => Promise<unknown>): Promise<void> {
  const server = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await statement(server);
  } finally {
    await server.end({ timeout: 5 });
  }
}
