/**
 * The helper processes of `pnpm bench:live` (the platform, the subscribers):
 * forked through tsx, announcing themselves with `loaded`, driven by one
 * request and its reply at a time, stopped with their own `stop` message or
 * killed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every helper process still running, for the clean-up after a timeout or an error. */
export const children = new Set<Child<{ type: string }, { type: string }>>();

export class Child<Job extends { type: string }, Report extends { type: string }> {
  private readonly process: ChildProcess;
  private readonly exited: Promise<void>;
  /** Resolves once the helper has loaded and can take jobs (it says `loaded`). */
  readonly loaded: Promise<void>;
  private waiting: { resolve: (report: { type: string }) => void; reject: (err: Error) => void } | undefined;

  /** Forks `file` (next to this one) with extra Node options. */
  constructor(
    private readonly name: string,
    file: string,
    nodeOptions: string[] = [],
  ) {
    const script = fileURLToPath(new URL(file, import.meta.url));
    this.process = fork(script, [], { execArgv: ['--import', 'tsx', ...nodeOptions], serialization: 'advanced' });
    let loaded!: () => void;
    let failed!: (err: Error) => void;
    this.loaded = new Promise((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    // Whoever awaits `loaded` sees the failure; nobody else has to.
    this.loaded.catch(() => {});
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        children.delete(this);
        const gone = new Error(`the ${name} process exited (${signal ?? code})`);
        failed(gone);
        this.waiting?.reject(gone);
        resolve();
      });
    });
    this.process.on('message', (report: { type: string }) => {
      if (report.type === 'loaded') loaded();
      else this.waiting?.resolve(report);
    });
    children.add(this);
  }

  /** Sends `job` and waits for the reply of type `reply`. */
  request<T extends Report['type']>(job: Job, reply: T, timeoutMs: number): Promise<Extract<Report, { type: T }>> {
    return new Promise((resolve, reject) => {
      const settle = (err: Error | undefined, report?: { type: string }) => {
        clearTimeout(timer);
        this.waiting = undefined;
        if (err) reject(err);
        else resolve(report as Extract<Report, { type: T }>);
      };
      const timer = setTimeout(
        () => settle(new Error(`the ${this.name} process sent no ${reply} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting = {
        resolve: (report) =>
          settle(report.type === reply ? undefined : new Error(`the ${this.name} process sent ${report.type}`), report),
        reject: (err) => settle(err),
      };
      if (!this.process.connected) return settle(new Error(`the ${this.name} process is gone`));
      this.process.send(job);
    });
  }

  /** Sends `stop` (the helper closes what it holds and exits) and waits; kills it when it does not exit in time. */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (!children.has(this)) return;
    if (this.process.connected) this.process.send({ type: 'stop' });
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    this.process.kill('SIGKILL');
  }
}

/**
 * The helper's side: answers each job with `handle`'s report (a failure
 * ends the process with 1), exits once it has answered `stop`, runs
 * `onDisconnect` when the bench goes away, then says `loaded`.
 */
export function serveJobs<Job, Report extends { type: string }>(
  handle: (job: Job) => Promise<Report>,
  onDisconnect: () => Promise<void> = async () => {},
): void {
  process.on('message', (job: Job) => {
    void handle(job).then(
      (report) => process.send?.(report, () => report.type === 'stopped' && process.exit(0)),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
  process.on('disconnect', () => void onDisconnect().finally(() => process.exit(0)));
  process.send?.({ type: 'loaded' });
}
