import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger.js';
import { startPeriodic } from '../src/periodic.js';

const log = createLogger('test', 'silent');

/** A pass that stays in progress until `finish()` is called. */
function controlledPass() {
  let finish: () => void = () => {};
  let passes = 0;
  let inProgress = 0;
  let mostAtOnce = 0;
  const run = () => {
    passes++;
    inProgress++;
    mostAtOnce = Math.max(mostAtOnce, inProgress);
    return new Promise<void>((resolve) => {
      finish = () => {
        inProgress--;
        resolve();
      };
    });
  };
  return { run, finish: () => finish(), stats: () => ({ passes, mostAtOnce }) };
}

describe('startPeriodic', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a pass every interval and never two at once', async () => {
    const pass = controlledPass();
    const task = startPeriodic({ name: 'test', everyMs: 100, run: pass.run, log });
    await vi.advanceTimersByTimeAsync(350);
    expect(pass.stats()).toEqual({ passes: 1, mostAtOnce: 1 });
    pass.finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(pass.stats().passes).toBe(2);
    pass.finish();
    await task.dispose();
  });

  it('coalesces kicks during a pass into one more pass after it', async () => {
    const pass = controlledPass();
    const task = startPeriodic({ name: 'test', everyMs: 60_000, run: pass.run, log, immediately: true });
    task.kick();
    task.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(pass.stats().passes).toBe(1);
    pass.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(pass.stats().passes).toBe(2);
    pass.finish();
    await task.dispose();
    expect(pass.stats()).toEqual({ passes: 2, mostAtOnce: 1 });
  });

  it('logs a failed pass and runs again at the next interval', async () => {
    const warn = vi.spyOn(log, 'warn');
    let calls = 0;
    const task = startPeriodic({
      name: 'flaky',
      everyMs: 100,
      log,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('down');
      },
    });
    await vi.advanceTimersByTimeAsync(250);
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ task: 'flaky' }), 'flaky failed; will retry');
    await task.dispose();
  });

  it('waits on dispose for the pass in progress, then runs no more', async () => {
    const pass = controlledPass();
    const task = startPeriodic({ name: 'test', everyMs: 100, run: pass.run, log, immediately: true });
    let disposed = false;
    const disposing = task.dispose().then(() => (disposed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(disposed).toBe(false);
    pass.finish();
    await disposing;
    task.kick();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass.stats().passes).toBe(1);
  });
});
