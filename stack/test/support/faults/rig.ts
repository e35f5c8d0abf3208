/**
 * A stack for one fault scenario on servers of its own: a private Postgres
 * cluster and a private nats-server that the scenario may restart, stop or
 * empty, so that the shared servers other suites use are never touched.
 * Some parts may run as child processes (see child-part.ts) so that the
 * scenario can kill them; the test process runs the others and the gateway.
 */
import { freeServerPort, PrivateNatsServer, PrivatePostgres } from '@seats/testkit';
import { subgraphNames, type SQL, type SubgraphName } from '@seats/platform';
import { environmentOf, seedTestStack, startTestStack, type TestStack } from '../harness.js';
import { ChildPart, readyzStatus } from './child-part.js';

export interface RigOptions {
  /** Extra environment for every part (e.g. HOLD_TTL_SECONDS). */
  env?: Record<string, string>;
  /** Subgraphs to run as child processes instead of in the test process. */
  children?: SubgraphName[];
}

/** What every fault scenario's stack is configured with. */
const baseEnv = {
  // Many buyers from one address, many attempts each: not what the limits are for.
  RATE_LIMIT_REGISTER: 'off',
  RATE_LIMIT_LOGIN: 'off',
  RATE_LIMIT_LOCK_SEATS: 'off',
  RATE_LIMIT_CHECKOUT: 'off',
  MAX_HOLDS_PER_USER_PER_SHOW: '100',
};

export class FaultRig {
  private readonly beforeDispose: Array<() => Promise<void>> = [];

  private constructor(
    readonly postgres: PrivatePostgres,
    readonly nats: PrivateNatsServer,
    readonly t: TestStack,
    readonly children: ReadonlyMap<SubgraphName, ChildPart>,
  ) {}

  /** Starts the servers, the stack and its child parts, and seeds the demo data once every part is ready. */
  static async start(options: RigOptions = {}): Promise<FaultRig> {
    const cleanup: Array<() => Promise<void>> = [];
    try {
      const [postgres, nats] = await Promise.all([PrivatePostgres.start(), PrivateNatsServer.start()]);
      cleanup.push(
        () => nats.dispose(),
        () => postgres.dispose(),
      );
      const childNames = options.children ?? [];
      const ports = new Map<SubgraphName, number>();
      for (const name of childNames) ports.set(name, await freeServerPort());
      const inProcess = ['gateway', ...subgraphNames.filter((name) => !childNames.includes(name))];
      const childUrls = Object.fromEntries(
        [...ports].map(([name, port]) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}/graphql`]),
      );
      const env = { ...baseEnv, ...options.env, SERVICES: inProcess.join(','), ...childUrls };
      const t = await startTestStack('services', {
        databaseUrl: postgres.url,
        natsUrl: nats.url,
        env,
        seed: childNames.length === 0,
      });
      cleanup.unshift(() => t.dispose());
      const children = new Map<SubgraphName, ChildPart>();
      for (const [name, port] of ports) {
        const part = await ChildPart.start({
          part: name,
          port,
          env: { ...environmentOf(t), SERVICES: name, [`${name.toUpperCase()}_PORT`]: String(port) },
        });
        children.set(name, part);
        cleanup.unshift(() => part.dispose());
      }
      if (childNames.length > 0) await seedTestStack(t);
      return new FaultRig(postgres, nats, t, children);
    } catch (err) {
      for (const step of cleanup) await step().catch(() => {});
      throw err;
    }
  }

  /** The JetStream stream of the stack's events. */
  get streamName(): string {
    return `${this.t.stack.config.busPrefix.toUpperCase()}_EVENTS`;
  }

  /**
   * Runs SQL in a subgraph's schema. Every part of the rig uses one
   * database (one DATABASE_URL), so a part running in a child process is
   * read through the connection of any part in the test process.
   */
  query<T = Record<string, unknown>>(subgraph: SubgraphName, statement: SQL): Promise<T[]> {
    const local = this.t.stack.subgraphs[subgraph] ? subgraph : subgraphNames.find((n) => this.t.stack.subgraphs[n]);
    if (!local) throw new Error('no subgraph runs in the test process');
    return this.t.query<T>(local, statement);
  }

  /** The status of every part's /readyz (0 when it does not answer), by part. */
  async readiness(): Promise<Record<string, number>> {
    const urls: Record<string, string> = { gateway: this.t.baseUrl };
    for (const running of Object.values(this.t.stack.subgraphs)) {
      urls[running.name] = running.url.replace(/\/graphql$/, '');
    }
    for (const [name, part] of this.children) urls[name] = part.baseUrl;
    const entries = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => [name, await readyzStatus(url)] as const),
    );
    return Object.fromEntries(entries);
  }

  /** Runs `stop` first when the rig is disposed (e.g. the load of a scenario that failed midway). */
  onDispose(stop: () => Promise<void>): void {
    this.beforeDispose.push(stop);
  }

  /**
   * Stops everything, also after a failed scenario: what was registered
   * with `onDispose`, then the child parts,
   * then the stack (with its servers up again, as it drops its database and
   * deletes its stream), then the servers. Throws the first failure once
   * every step has run.
   */
  async dispose(): Promise<void> {
    const failures: unknown[] = [];
    const step = async (run: () => Promise<void>) => run().catch((err: unknown) => void failures.push(err));
    for (const stop of this.beforeDispose.splice(0)) await step(stop);
    for (const part of this.children.values()) await step(() => part.dispose());
    await step(() => this.nats.resume());
    await step(() => this.postgres.resume());
    await step(() => this.t.dispose());
    await step(() => this.nats.dispose());
    await step(() => this.postgres.dispose());
    if (failures.length > 0) throw failures[0];
  }
}
