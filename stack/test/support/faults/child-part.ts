/**
 * One part of the platform (e.g. bookings) in a child process of its own,
 * started as an operator starts it (`stack/src/main.ts` with SERVICES
 * naming the part), so that a fault suite can kill it with SIGKILL and
 * start it again while the rest of the stack runs in the test process.
 *
 * The child runs in one Node process (`node --import tsx`, not the tsx
 * wrapper, which would leave its own child running when it is killed) and
 * exits by itself when the test process goes away (orphan-guard.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@seats/testkit';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const guard = fileURLToPath(new URL('./orphan-guard.ts', import.meta.url));
const readyTimeoutMs = 45_000;
const stopTimeoutMs = 10_000;
/** The end of the child's log kept for failure messages. */
const logTailChars = 4000;

export interface ChildPartOptions {
  /** The part, as SERVICES names it. */
  part: string;
  /** Its port on 127.0.0.1 (fixed, so the gateway's URL for it stays valid across restarts). */
  port: number;
  /** The whole environment of the child (the process's own is not inherited). */
  env: Record<string, string>;
}

export class ChildPart {
  private child: ChildProcess | undefined;
  private log = '';

  private constructor(private readonly options: ChildPartOptions) {}

  /** Starts the part and resolves once its /readyz answers 200. */
  static async start(options: ChildPartOptions): Promise<ChildPart> {
    const part = new ChildPart(options);
    await part.resume();
    return part;
  }

  get name(): string {
    return this.options.part;
  }

  /** The part's base URL (its GraphQL endpoint is `${baseUrl}/graphql`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** Starts the part again on the same port; resolves once it is ready. */
  async resume(): Promise<void> {
    if (this.child) return;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...this.options.env };
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', guard, 'stack/src/main.ts'], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-logTailChars);
    });
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}):\n${this.log}`);
          }
          return (await readyzStatus(this.baseUrl)) === 200 ? true : null;
        },
        readyTimeoutMs,
        200,
      );
    } catch (err) {
      await this.kill();
      throw new Error(`${this.name} did not get ready:\n${this.log}`, { cause: err });
    }
  }

  /** Kills the part at once (SIGKILL: no shutdown, as a crash or an OOM kill) and waits until it is gone. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  /** Stops the part with SIGTERM (its graceful shutdown), with SIGKILL if that takes too long. */
  async dispose(): Promise<void> {
    await this.stop('SIGTERM');
  }

  private async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
    child.stdin?.destroy();
  }
}

/** The status of a part's /readyz (its base URL), or 0 when it does not answer. */
export async function readyzStatus(baseUrl: string): Promise<number> {
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(3000) });
    return response.status;
  } catch {
    return 0;
  }
}
