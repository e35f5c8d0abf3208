import { fileURLToPath } from 'node:url';
import {
  openDatabase,
  queryRows,
  sql,
  startPeriodic,
  type Database,
  type Logger,
  type PeriodicTask,
} from '@seats/platform';
import type { RateLimitStore, WindowCount } from './store.js';

/** The gateway's drizzle migrations (schema `gateway`), applied by `openDatabase` at start. */
export const gatewayMigrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

const pruneEveryMs = 60_000;

/**
 * Counters in Postgres, shared by every gateway instance on the database.
 * One upsert adds the hits and returns the total, so concurrent requests on
 * any instance are all counted; windows follow the database's clock, so
 * instances agree on them whatever their own clocks say.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private readonly pruner: PeriodicTask;

  private constructor(
    private readonly database: Database,
    log: Logger,
    private readonly ownsDatabase: boolean,
  ) {
    const run = () => this.prune();
    this.pruner = startPeriodic({ name: 'pruning rate-limit windows', everyMs: pruneEveryMs, run, log, unref: true });
  }

  /** Opens (and migrates) the gateway's schema on `url`. */
  static async open(url: string, dataDir: string, log: Logger): Promise<PostgresRateLimitStore> {
    const database = await openDatabase({
      name: 'gateway',
      url,
      dataDir,
      migrationsFolder: gatewayMigrationsFolder,
      poolSize: 4,
    });
    return new PostgresRateLimitStore(database, log, true);
  }

  /** A store on a database that is already open and migrated; `dispose` leaves it open. */
  static over(database: Database, log: Logger): PostgresRateLimitStore {
    return new PostgresRateLimitStore(database, log, false);
  }

  async hit(key: string, count: number, windowSeconds: number): Promise<WindowCount> {
    const [row] = await queryRows<{ hits: number; resetSeconds: number }>(
      this.database.db,
      sql`
      with win as (
        select to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}) as start
      )
      insert into gateway.rate_limits as r (key, window_start, hits, expires_at)
      select ${key}, win.start, ${count}, win.start + make_interval(secs => ${windowSeconds}) from win
      on conflict (key, window_start) do update set hits = r.hits + excluded.hits
      returning r.hits as "hits", ceil(extract(epoch from r.expires_at - now()))::int as "resetSeconds"`,
    );
    if (!row) throw new Error('rate-limit upsert returned no row');
    return { hits: Number(row.hits), resetSeconds: Math.max(1, Number(row.resetSeconds)) };
  }

  ping(): Promise<void> {
    return this.database.ping();
  }

  async dispose(): Promise<void> {
    await this.pruner.dispose();
    if (this.ownsDatabase) await this.database.dispose();
  }

  /** Deletes ended windows. Any instance may do it; a second delete finds nothing. */
  async prune(): Promise<void> {
    await queryRows(this.database.db, sql`delete from gateway.rate_limits where expires_at < now()`);
  }
}
