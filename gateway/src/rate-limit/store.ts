/** What a store reports after counting hits against a key's current window. */
export interface WindowCount {
  /** Hits in the current window, including the ones just counted. */
  hits: number;
  /** Seconds until the current window ends (at least 1). */
  resetSeconds: number;
}

/**
 * Fixed-window hit counters. `hit` adds `count` hits to the key's current
 * window and returns the new total, atomically, so concurrent callers (and,
 * with Postgres, several gateway instances) never lose a hit.
 */
export interface RateLimitStore {
  hit(key: string, count: number, windowSeconds: number): Promise<WindowCount>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  dispose(): Promise<void>;
}
