import { startPeriodic, type Logger, type PeriodicTask } from '@seats/platform';
import type { RateLimitStore, WindowCount } from './store.js';

interface Entry {
  windowStart: number;
  hits: number;
  expiresAt: number;
}

const pruneEveryMs = 60_000;

/**
 * Counters in this process's memory: the embedded platform runs one gateway,
 * so nothing needs to be shared. Ended windows are pruned now and then, and
 * the map never holds more than `maxKeys` keys (the oldest go first), so a
 * flood of client addresses cannot grow it without bound.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly entries = new Map<string, Entry>();
  private readonly pruner: PeriodicTask;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: { log: Logger; now?: () => number; maxKeys?: number }) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
    const run = () => void this.prune();
    this.pruner = startPeriodic({
      name: 'pruning rate-limit windows',
      everyMs: pruneEveryMs,
      run,
      log: options.log,
      unref: true,
    });
  }

  async hit(key: string, count: number, windowSeconds: number): Promise<WindowCount> {
    const now = this.now();
    const windowMs = windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    let entry = this.entries.get(key);
    if (entry?.windowStart !== windowStart) {
      entry = { windowStart, hits: 0, expiresAt: windowStart + windowMs };
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (this.entries.size > this.maxKeys) this.evict();
    }
    entry.hits += count;
    return { hits: entry.hits, resetSeconds: Math.max(1, Math.ceil((entry.expiresAt - now) / 1000)) };
  }

  async ping(): Promise<void> {}

  async dispose(): Promise<void> {
    await this.pruner.dispose();
    this.entries.clear();
  }

  /** Drops ended windows; returns how many keys are left. */
  prune(): number {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    return this.entries.size;
  }

  private evict(): void {
    if (this.prune() <= this.maxKeys) return;
    // Maps iterate in insertion order and a new window re-inserts its key: the first keys are the stalest.
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (this.entries.size <= this.maxKeys) return;
    }
  }
}
