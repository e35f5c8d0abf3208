import type { Logger, PlatformConfig } from '@seats/platform';
import { MemoryRateLimitStore } from './memory-store.js';
import { PostgresRateLimitStore } from './postgres-store.js';
import type { RateLimitStore } from './store.js';

export { RateLimiter, type Caller } from './limiter.js';
export { MemoryRateLimitStore } from './memory-store.js';
export { rateLimitPlugin } from './plugin.js';
export { PostgresRateLimitStore } from './postgres-store.js';
export { rootFieldCounts } from './root-fields.js';
export type { RateLimitStore, WindowCount } from './store.js';

/**
 * Postgres counters (schema `gateway`) when DATABASE_URL is set, so that
 * every gateway instance on that database enforces one shared limit;
 * otherwise (embedded: one gateway) counters in memory.
 */
export async function openRateLimitStore(
  config: Pick<PlatformConfig, 'databaseUrl' | 'dataDir'>,
  log: Logger,
): Promise<RateLimitStore> {
  if (!config.databaseUrl) return new MemoryRateLimitStore({ log });
  return PostgresRateLimitStore.open(config.databaseUrl, config.dataDir, log);
}
