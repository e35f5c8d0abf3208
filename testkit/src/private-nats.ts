/**
 * A private nats-server with JetStream for tests that stop and restart it,
 * so the shared server other suites use is never touched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { whenLogSays } from './child-ready.js';
import { freeServerPort } from './ports.js';

const binary = '/usr/sbin/nats-server';
const readyTimeoutMs = 15_000;

export class PrivateNatsServer {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly storeDir: string,
  ) {}

  /** Starts a server on a free loopback port with a fresh JetStream store. */
  static async start(): Promise<PrivateNatsServer> {
    const server = new PrivateNatsServer(await freeServerPort(), fs.mkdtempSync(path.join(os.tmpdir(), 'seats-nats-')));
    await server.resume();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the server again on the same port and store; resolves once it accepts clients. */
  async resume(): Promise<void> {
    if (this.child) return;
    const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    try {
      await whenLogSays(child, 'Server is ready', 'nats-server', readyTimeoutMs);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** Stops the server with SIGTERM (a clean shutdown) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** Stops the server and empties its JetStream store, as a server that lost its disk or volume would start. */
  async loseData(): Promise<void> {
    await this.stop();
    fs.rmSync(this.storeDir, { recursive: true, force: true });
    fs.mkdirSync(this.storeDir);
  }

  /** Stops the server and removes its store. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.storeDir, { recursive: true, force: true });
  }
}
