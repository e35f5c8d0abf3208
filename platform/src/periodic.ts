import type { Disposable } from './bus/types.js';
import type { Logger } from './logger.js';

export interface PeriodicOptions {
  /** Names the task in logs. */
  name: string;
  /** Without it, a pass runs only when kicked. */
  everyMs?: number;
  /** One pass; its failure is logged and the next pass retries. */
  run: () => Promise<unknown> | void;
  log: Logger;
  /** Housekeeping that must not keep the process alive on its own. */
  unref?: boolean;
  /** Run a pass at start instead of waiting a whole interval. */
  immediately?: boolean;
}

/** A task started by `startPeriodic`. */
export interface PeriodicTask extends Disposable {
  /**
   * Asks for a pass now, e.g. right after a commit that left work for it.
   * Asks during a pass coalesce into one more pass after it.
   */
  kick(): void;
}

/**
 * Runs `run` every `everyMs`, never two passes at once, until disposed; the
 * one shape of every background loop (hold sweeper, payment settler, mail
 * sender, token and rate-limit pruning). `dispose` waits for the pass in
 * progress, so a shutdown never cuts one off halfway.
 *
 * @example
 * const sweeper = startPeriodic({ name: 'hold sweep', everyMs: 250, run: () => holds.sweep(), log });
 * await sweeper.dispose();
 */
export function startPeriodic(options: PeriodicOptions): PeriodicTask {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const pass = async () => {
    try {
      await options.run();
    } catch (err) {
      options.log.warn({ err, task: options.name }, `${options.name} failed; will retry`);
    }
  };
  const kick = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        kick();
      }
    });
  };
  const timer = options.everyMs === undefined ? undefined : setInterval(kick, options.everyMs);
  if (options.unref) timer?.unref();
  if (options.immediately) kick();
  return {
    kick,
    async dispose() {
      stopped = true;
      clearInterval(timer);
      // A pass may chain one more after it; wait until none is left.
      while (running) await running;
    },
  };
}
