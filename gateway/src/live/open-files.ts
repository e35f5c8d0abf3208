import fs from 'node:fs';
import type { Logger } from '@seats/platform';

/** Files kept for everything but WebSockets: the database, NATS, subgraph and client HTTP connections. */
export const reservedFiles = 1024;

/**
 * This process's limit on open files (the soft limit, as `ulimit -n` shows
 * it), from `/proc/self/limits`; undefined where that is not readable or
 * the limit is unlimited.
 */
export function openFileLimit(): number | undefined {
  return parseOpenFileLimit(readProcLimits());
}

/** The soft "Max open files" of a `/proc/<pid>/limits` text. */
export function parseOpenFileLimit(limits: string | undefined): number | undefined {
  const line = limits?.split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  return soft && /^\d+$/.test(soft) ? Number(soft) : undefined;
}

/**
 * WS_MAX_CONNECTIONS within what the process may open: every socket is a
 * file, and a process out of files fails everywhere at once (the database's
 * own files included), so the gateway turns WebSockets away first, leaving
 * `reservedFiles` for the rest. Says so once, at start, when it lowers it.
 */
export function connectionCap(configured: number, limit: number | undefined, log: Logger): number {
  if (limit === undefined || configured <= limit - reservedFiles) return configured;
  const cap = Math.max(1, limit - reservedFiles);
  log.warn(
    { configured, openFileLimit: limit, cap },
    `WS_MAX_CONNECTIONS ${configured} is more than this process may open (${limit} files): ` +
      `serving at most ${cap} WebSockets; raise the limit (ulimit -n, LimitNOFILE) to serve more`,
  );
  return cap;
}

function readProcLimits(): string | undefined {
  try {
    return fs.readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}
