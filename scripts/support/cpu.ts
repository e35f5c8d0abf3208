/**
 * CPU time spent by the processes of this machine between two snapshots,
 * read from /proc (Linux): what a benchmark's work cost each part (the
 * platform, Postgres, NATS, a load client), independent of how the two
 * cores were shared out while it ran.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcessTimes {
  comm: string;
  /** utime + stime of the process itself. */
  own: number;
  /** cutime + cstime: of its children that have exited and been waited for. */
  children: number;
}

export type CpuSnapshot = Map<number, ProcessTimes>;

/** A process's CPU ticks now; undefined when it is gone (or this is not Linux). */
function processTimes(pid: number): ProcessTimes | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after its last ')'.
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  // Fields 14-17 of stat (utime stime cutime cstime) are 11-14 here, counted from the state (field 3).
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return { comm, own: utime! + stime!, children: cutime! + cstime! };
}

/** Every process's CPU ticks now. */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = processTimes(Number(entry));
    if (times) snapshot.set(Number(entry), times);
  }
  return snapshot;
}

/** CPU seconds process `pid` itself has used so far; NaN when it cannot be read. */
export function processCpuSeconds(pid: number | undefined): number {
  const times = pid === undefined ? undefined : processTimes(pid);
  return times ? times.own / ticksPerSecond : NaN;
}

/**
 * Milliseconds of CPU that processes named `comm` used between `before` and
 * `after`: those alive at both ends, those started since, and (through
 * their parents' children counters) those that ended in between.
 */
export function cpuMsOf(comm: string, before: CpuSnapshot, after: CpuSnapshot): number {
  let ticks = 0;
  for (const [pid, now] of after) {
    if (now.comm !== comm) continue;
    const then = before.get(pid);
    const same = then?.comm === comm;
    ticks += now.own - (same ? then.own : 0);
    ticks += now.children - (same ? then.children : 0);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** Milliseconds of CPU of the children process `pid` waited for between the snapshots (a program it ran to its end). */
export function childrenCpuMsOf(pid: number, before: CpuSnapshot, after: CpuSnapshot): number {
  const children = (snapshot: CpuSnapshot) => snapshot.get(pid)?.children ?? 0;
  return ((children(after) - children(before)) * 1000) / ticksPerSecond;
}

/** Milliseconds of CPU process `pid` itself used between the snapshots. */
export function cpuMsOfProcess(pid: number, before: CpuSnapshot, after: CpuSnapshot): number {
  const own = (snapshot: CpuSnapshot) => snapshot.get(pid)?.own ?? 0;
  return ((own(after) - own(before)) * 1000) / ticksPerSecond;
}
