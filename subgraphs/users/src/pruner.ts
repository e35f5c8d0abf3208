import type { Logger } from '@seats/platform';
import type { SessionService } from './sessions.js';

const defaultIntervalMs = 60 * 60 * 1000;

/**
 * Deletes refresh tokens of expired families now and then, so the table
 * holds only live sessions. Any instance may run it; the delete is idempotent.
 */
export function startTokenPruner(
  sessions: SessionService,
  log: Logger,
  intervalMs = defaultIntervalMs,
): { dispose(): Promise<void> } {
  let running: Promise<void> | undefined;
  const prune = () => {
    if (running) return;
    running = sessions
      .pruneExpired()
      .then((count) => {
        if (count > 0) log.debug({ count }, 'pruned expired refresh tokens');
      })
      .catch((err: unknown) => log.warn({ err }, 'pruning refresh tokens failed; will retry'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(prune, intervalMs);
  // Pruning is housekeeping: it must not keep the process alive.
  timer.unref();
  return {
    async dispose() {
      clearInterval(timer);
      await running;
    },
  };
}
