import { startPeriodic, type Logger, type PeriodicTask } from '@seats/platform';
import type { SessionService } from './sessions.js';

const defaultIntervalMs = 60 * 60 * 1000;

/**
 * Deletes refresh tokens of expired families now and then, so the table
 * holds only live sessions. Any instance may run it; the delete is idempotent.
 */
export function startTokenPruner(sessions: SessionService, log: Logger, intervalMs = defaultIntervalMs): PeriodicTask {
  return startPeriodic({
    name: 'pruning refresh tokens',
    everyMs: intervalMs,
    run: async () => {
      const count = await sessions.pruneExpired();
      if (count > 0) log.debug({ count }, 'pruned expired refresh tokens');
    },
    log,
    // Pruning is housekeeping: it must not keep the process alive.
    unref: true,
  });
}
