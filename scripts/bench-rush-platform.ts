/**
 * The platform of `pnpm bench:rush` in services mode, as an operator runs
 * it: `pnpm start` (stack/src/main.ts) three times on one Postgres database
 * and one NATS prefix, SERVICES naming each process's parts: the subgraphs
 * other than bookings, bookings, and the gateway. They find each other on
 * fixed loopback ports from `basePort` (the gateway there, each subgraph at
 * its default port's offset from 4000, the same variables in every
 * process) and share their signing keys through one KEYS_DIR, as the
 * docker-compose services share theirs through a volume.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, rateLimitVariable, subgraphNames, type SubgraphName } from '../platform/src/config.js';
import { sleep } from './bench-rush-client.js';
import { processCpuSeconds } from './support/cpu.js';

export interface PlatformOptions {
  basePort: number;
  databaseUrl: string;
  natsUrl: string;
  busPrefix: string;
  /** A folder for the processes' data and their shared keys. */
  dataDir: string;
  admin: { email: string; password: string };
  /** WebSocket connections the gateway must take, from few source addresses. */
  connections: number;
  poolSize: number;
  startTimeoutMs: number;
  /** Variables that replace the bench's own (bench:holds lets a user hold more seats of a show). */
  environment?: NodeJS.ProcessEnv;
}

/** The processes, in start order: the gateway last, once the subgraphs it plans over are ready. */
const parts: Array<{ name: string; services: Array<SubgraphName | 'gateway'> }> = [
  { name: 'subgraphs', services: ['users', 'catalog', 'shows', 'payments', 'notifications'] },
  { name: 'bookings', services: ['bookings'] },
  { name: 'gateway', services: ['gateway'] },
];

/** Every platform process still running, for the clean-up after a timeout or an error. */
const running = new Set<ChildProcess>();

export class Platform {
  private constructor(
    /** The gateway's base URL. */
    readonly url: string,
    private readonly processes: ChildProcess[],
    private readonly ports: Record<SubgraphName | 'gateway', number>,
  ) {}

  /** A subgraph's /graphql (for calls straight to it, with a gateway token). */
  subgraphUrl(name: SubgraphName): string {
    return `http://127.0.0.1:${this.ports[name]}/graphql`;
  }

  /** The processes' names, in start order. */
  parts(): string[] {
    return parts.map((part) => part.name);
  }

  /** The processes' ids, in start order. */
  pids(): number[] {
    return this.processes.flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  }

  /**
   * CPU seconds each process has used so far, by part (from /proc: Linux
   * only, NaN elsewhere), to tell which part a run was short of.
   */
  cpuSeconds(): Record<string, number> {
    return Object.fromEntries(parts.map((part, i) => [part.name, processCpuSeconds(this.processes[i]?.pid)]));
  }

  /** Starts the subgraph processes, waits until each part is ready, then the gateway. */
  static async start(options: PlatformOptions): Promise<Platform> {
    const ports = portsFrom(options.basePort);
    await Promise.all(Object.entries(ports).map(([name, port]) => ensureFree(name, port)));
    const env = { ...environment(options, ports), ...options.environment };
    const processes: ChildProcess[] = [];
    const platform = new Platform(`http://127.0.0.1:${ports.gateway}`, processes, ports);
    try {
      const subgraphs = parts.filter((part) => !part.services.includes('gateway'));
      processes.push(...subgraphs.map((part) => launch(part.name, { ...env, SERVICES: part.services.join(',') })));
      await Promise.all(
        subgraphs.flatMap((part, i) =>
          part.services.map((name) => ready(processes[i]!, part.name, ports[name], options.startTimeoutMs)),
        ),
      );
      const gateway = launch('gateway', { ...env, SERVICES: 'gateway' });
      processes.push(gateway);
      await ready(gateway, 'gateway', ports.gateway, options.startTimeoutMs);
    } catch (err) {
      await platform.stop();
      throw err;
    }
    return platform;
  }

  /** SIGTERM (each process drains and closes what it holds), SIGKILL for one that takes longer than `timeoutMs`. */
  async stop(timeoutMs = 20_000): Promise<void> {
    await Promise.all(
      this.processes.map(async (child) => {
        if (!running.has(child)) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

/** Kills every platform process at once (timeouts, interrupts). */
export function killPlatform(): void {
  for (const child of running) child.kill('SIGKILL');
}

function portsFrom(basePort: number): Record<SubgraphName | 'gateway', number> {
  const ports = { gateway: basePort } as Record<SubgraphName | 'gateway', number>;
  for (const name of subgraphNames) ports[name] = basePort + defaultPorts[name] - defaultPorts.gateway;
  return ports;
}

/** What every process gets (and SERVICES): the bench's configuration, nothing from the caller's environment. */
function environment(options: PlatformOptions, ports: Record<SubgraphName | 'gateway', number>): NodeJS.ProcessEnv {
  const connections = String(options.connections);
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    KEYS_DIR: path.join(options.dataDir, 'keys'),
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize),
    NATS_URL: options.natsUrl,
    BUS_PREFIX: options.busPrefix,
    SEED: 'never',
    ADMIN_EMAIL: options.admin.email,
    ADMIN_PASSWORD: options.admin.password,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [`${name.toUpperCase()}_PORT`, String(port)])),
    WS_MAX_CONNECTIONS: connections,
    WS_MAX_CONNECTIONS_PER_IP: connections,
    // Thousands of watchers in one busy process may take longer than the defaults to send connection_init and
    // to answer a ping: the gateway would drop them for what is the load generator's delay, not a client's.
    WS_INIT_TIMEOUT_MS: '30000',
    WS_KEEPALIVE_MS: '120000',
    // A buyer holds once per purchase and checks out at once; failed checkouts release. A little room anyway.
    MAX_HOLDS_PER_USER_PER_SHOW: '10',
    // No hold may lapse during the run (its release would be a change no buyer made), nor a token.
    HOLD_TTL_SECONDS: '3600',
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    ...Object.fromEntries(
      (['login', 'register', 'lockSeats', 'checkout'] as const).map((op) => [rateLimitVariable(op), 'off']),
    ),
  };
}

const mainScript = fileURLToPath(new URL('../stack/src/main.ts', import.meta.url));

/**
 * Starts `pnpm start`'s entry point in a process. Its log lines (pino's JSON
 * on stdout, anything on stderr) go to this process's stderr, prefixed; the
 * start banner does not.
 */
function launch(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript], {
    env,
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const forward = (logOnly: boolean) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() && (!logOnly || line.startsWith('{'))) process.stderr.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', forward(true));
  child.stderr?.on('data', forward(false));
  return child;
}

/** Resolves once the part on `port` answers /readyz; fails when its process exits or the time is up. */
async function ready(child: ChildProcess, name: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the ${name} process exited (${child.signalCode ?? child.exitCode}) before it was ready`);
    }
    const status = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`the ${name} process was not ready on port ${port} in ${timeoutMs / 1000} s`);
}

/** Fails early and clearly when something else listens where a part is to. */
function ensureFree(name: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () => reject(new Error(`port ${port} (${name}) is in use: pick another --port`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
