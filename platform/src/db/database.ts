import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { z } from 'zod';

/** A drizzle database over either driver; subgraph code sees only this. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
/** A drizzle transaction (or the database itself, outside one). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface DatabaseOptions {
  /** The subgraph's name; also its Postgres schema. */
  name: string;
  /** Postgres URL; undefined opens PGlite under `dataDir/<name>`. */
  url: string | undefined;
  dataDir: string;
  migrationsFolder: string;
  /** Pool size per process in services mode. */
  poolSize?: number;
  /** Called with every statement's SQL before it is sent (tests count queries with it). */
  onQuery?: (query: string) => void;
}

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  dispose(): Promise<void>;
}

const migrationsSchema = 'drizzle';

/** Opens the subgraph's database and applies its migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options, options.url) : openPglite(options);
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dir = path.join(options.dataDir, 'pglite', options.name);
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create({ dataDir: dir, extensions: { btree_gist } });
  const db = drizzlePglite(client, { logger: queryLogger(options) }) as unknown as Db;
  await migratePglite(drizzlePglite(client), {
    migrationsFolder: options.migrationsFolder,
    migrationsSchema,
    migrationsTable: `__${options.name}_migrations`,
  });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('select 1')),
    dispose: () => client.close(),
  };
}

async function openPostgres(options: DatabaseOptions, url: string): Promise<Database> {
  await migrateUnderLock(options, url);
  const client = postgres(url, {
    max: options.poolSize ?? 10,
    onnotice: () => {},
    connection: { application_name: `seats-${options.name}` },
    backoff: reconnectDelaySeconds,
  });
  const db = drizzlePostgres(preparing(client), { logger: queryLogger(options) }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: async () => void (await client`select 1`),
    dispose: () => client.end({ timeout: 5 }),
  };
}

/**
 * The client as drizzle gets it, with every statement prepared. drizzle
 * sends its SQL through `unsafe`, which postgres.js does not prepare: a
 * statement with parameters then costs two round trips every time (Parse
 * and Describe for the parameter types, then Bind and Execute), and the
 * server parses it each time. Prepared, a statement is described once per
 * connection and then sent as one Bind and Execute, and the server keeps
 * its parse (and, after a few runs, its plan). Every statement here has
 * its values as parameters, so the statements per connection stay a
 * bounded set of shapes (an `inArray` list makes one per length it was
 * called with); postgres.js recycles connections after 30 to 60 minutes,
 * and prepares a statement again if a migration invalidated it.
 * Transactions and savepoints hand drizzle a client of their own: wrapped
 * the same way.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (
          query: string,
          args?: Array<postgres.ParameterOrJSON<never>>,
          options: postgres.UnsafeQueryOptions = {},
        ) => target.unsafe(query, args, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...params: unknown[]) =>
          (value as (...a: unknown[]) => unknown).apply(
            target,
            params.map((param) =>
              typeof param === 'function'
                ? (tx: postgres.TransactionSql) => (param as (tx: postgres.TransactionSql) => unknown)(preparing(tx))
                : param,
            ),
          );
      }
      return value;
    },
  });
}

/**
 * How long a pool connection waits before reconnecting after its last
 * failure, in seconds. The driver counts failures across the whole pool and
 * resets the count only when a connection succeeds, and its own delay grows
 * to 20 s: after a restart of a few seconds, every connection of a busy pool
 * would wait that long. Here the delay doubles from 50 ms to at most 1 s,
 * with jitter so the pool does not reconnect in step.
 */
export function reconnectDelaySeconds(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** failures, 1);
}

/** drizzle's logger hook, only when someone listens (no cost otherwise). */
function queryLogger({ onQuery }: DatabaseOptions): { logQuery(query: string): void } | false {
  return onQuery ? { logQuery: (query) => onQuery(query) } : false;
}

/**
 * Several instances (and subgraphs) may start at once against one database:
 * a session advisory lock on a single connection lets one migrate at a time.
 * The key is database-wide because subgraphs share the migrations schema and
 * extensions, whose `create ... if not exists` races with itself.
 */
async function migrateUnderLock(options: DatabaseOptions, url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const key = 'seats:migrate';
    await client`select pg_advisory_lock(hashtextextended(${key}, 0))`;
    await migratePostgres(drizzlePostgres(client), {
      migrationsFolder: options.migrationsFolder,
      migrationsSchema,
      migrationsTable: `__${options.name}_migrations`,
    });
    await client`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The rows of a raw statement as the driver returns them: an array (postgres.js) or `{ rows }` (PGlite). */
async function driverRows(db: Tx, query: SQL): Promise<unknown[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as unknown[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as unknown[]) : [];
}

/**
 * Runs raw SQL that the query builder cannot express and parses every row
 * with `row`, so nothing unchecked leaves the data layer. Raw rows carry
 * timestamps as `Date` (postgres.js) or as strings (PGlite), and bigints as
 * strings: use `z.coerce.date()` and `z.coerce.number()` in the schema.
 *
 * @example
 * const claims = await selectRows(tx, z.object({ seatId: z.string(), booked: z.boolean() }), sql`select ...`);
 */
export async function selectRows<S extends z.ZodType>(db: Tx, row: S, query: SQL): Promise<Array<z.output<S>>> {
  return (await driverRows(db, query)).map((r) => row.parse(r));
}

/**
 * Runs raw SQL and returns its rows unchecked: for tests and scripts that
 * look at tables directly; subgraph code uses `selectRows`.
 */
export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  return (await driverRows(db, query)) as T[];
}

/**
 * A Postgres array literal (`{"a","b"}`) of the values, for one array
 * parameter where a list would be one parameter per value: a many-key read
 * passes its keys as `= any(${arrayLiteral(ids)}::uuid[])`, which the
 * driver sends as one value and Postgres plans as one. Every element is
 * quoted, with `"` and `\` escaped, so any text is safe in it.
 */
export function arrayLiteral(values: ReadonlyArray<string | number>): string {
  return `{${values.map((value) => `"${String(value).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * A json or jsonb column of a raw row, parsed with `schema`: postgres.js
 * hands it over parsed, PGlite as text.
 */
export function jsonColumn<S extends z.ZodType>(schema: S) {
  return z
    .unknown()
    .transform((value): unknown => (typeof value === 'string' ? JSON.parse(value) : value))
    .pipe(schema);
}

export { sql, type SQL };
