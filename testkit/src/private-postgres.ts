/**
 * A private Postgres cluster for suites that stop, restart or crash the
 * database, so the shared server other suites use is never touched. It is
 * made with the machine's own `initdb` and `postgres` (the Debian
 * packages' binaries), listens on loopback only, and is removed afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { whenLogSays } from './child-ready.js';
import { freeServerPort } from './ports.js';

const readyTimeoutMs = 30_000;

/** How the cluster goes down: `fast` is `pg_ctl stop -m fast`, `immediate` a crash-like stop that needs recovery. */
export type StopMode = 'fast' | 'immediate';

const stopSignals: Record<StopMode, NodeJS.Signals> = { fast: 'SIGINT', immediate: 'SIGQUIT' };

export class PrivatePostgres {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly binDir: string,
    private readonly owner: { uid: number; gid: number } | undefined,
  ) {}

  /** Creates a cluster in a fresh folder and starts it on a free loopback port. */
  static async start(): Promise<PrivatePostgres> {
    const binDir = postgresBinDir();
    const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-pg-'));
    if (owner) fs.chownSync(dataDir, owner.uid, owner.gid);
    fs.chmodSync(dataDir, 0o700);
    execFileSync(
      path.join(binDir, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { stdio: 'pipe', ...(owner ?? {}) },
    );
    const server = new PrivatePostgres(await freeServerPort(), dataDir, binDir, owner);
    await server.resume();
    return server;
  }

  /** The `postgres` database of the cluster; suites make their own databases in it. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the cluster again on the same port and data; resolves once it accepts connections. */
  async resume(): Promise<void> {
    if (this.child) return;
    const args = [
      ...['-D', this.dataDir, '-p', String(this.port)],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${this.dataDir}`],
      // A scratch cluster: durability is not what these suites test.
      ...['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    ];
    const child = spawn(path.join(this.binDir, 'postgres'), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(this.owner ?? {}),
    });
    this.child = child;
    try {
      await whenLogSays(child, 'ready to accept connections', 'postgres', readyTimeoutMs);
    } catch (err) {
      await this.stop('immediate');
      throw err;
    }
  }

  /** Stops the cluster and waits until the postmaster has exited. */
  async stop(mode: StopMode = 'fast'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(stopSignals[mode]);
    await exited;
  }

  /** A restart as an operator's `pg_ctl restart -m <mode>` does it: every connection is cut. */
  async restart(mode: StopMode = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.resume();
  }

  /** Stops the cluster and removes its data. */
  async dispose(): Promise<void> {
    await this.stop('immediate');
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The newest installed server's binaries, or POSTGRES_BIN_DIR. */
function postgresBinDir(): string {
  const configured = process.env.POSTGRES_BIN_DIR;
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error(`no Postgres server binaries under ${root} (set POSTGRES_BIN_DIR)`);
  return path.join(root, versions[0], 'bin');
}

/** Postgres refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}
