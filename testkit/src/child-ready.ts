import type { ChildProcess } from 'node:child_process';

/**
 * Resolves when a server started as `child` writes `ready` to its stderr;
 * rejects with its log if it exits first or takes longer than `timeoutMs`.
 * Its log is drained afterwards, so the pipe never fills up and blocks it.
 */
export function whenLogSays(child: ChildProcess, ready: string, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => finish(new Error(`${name} not ready in time:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(ready)) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`${name} exited (${code}):\n${log}`));
    const finish = (err?: Error) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.stderr?.resume();
      if (err) reject(err);
      else resolve();
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (err) => finish(err));
  });
}
