/**
 * The users subgraph in-process on a mode's database and bus, with a second
 * set of its services on the same database and outbox whose clock the test
 * moves forward: sessions live for hours, and a suite cannot wait for that.
 * The subgraph's own services (what `gql` resolves with) keep the real clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { BusEvent, PlatformConfig, SQL } from '@seats/platform';
import { startSubgraph, type Mode, type SubgraphHarness } from '@seats/testkit';
import type { Context, UsersServices } from '../../src/context.js';
import { createUsersServices, usersSubgraph } from '../../src/index.js';

export type UsersHarness = SubgraphHarness<Context>;

/** Session lifetimes the tests reason about. */
export const idleSeconds = 3600;
export const absoluteSeconds = 4 * 3600;

/** Real time, shifted by however far a test has moved it. */
class MovableClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

export class UsersFixture {
  private constructor(
    readonly harness: UsersHarness,
    private readonly clock: MovableClock,
    /** The services on the movable clock (`now`, `advance`). */
    readonly services: UsersServices,
    /** UserRegistered events as they reached the bus. */
    readonly published: Array<BusEvent<'UserRegistered'>>,
  ) {}

  static async start(mode: Mode): Promise<UsersFixture> {
    const harness = await startSubgraph(usersSubgraph, {
      mode,
      env: {
        REFRESH_TOKEN_IDLE_SECONDS: String(idleSeconds),
        REFRESH_TOKEN_ABSOLUTE_SECONDS: String(absoluteSeconds),
      },
    });
    try {
      const published = await harness.record('UserRegistered');
      const clock = new MovableClock();
      const { db, outbox, log, config } = harness;
      const services = await createUsersServices({ db, outbox, log, config, now: () => clock.now() });
      return new UsersFixture(harness, clock, services, published);
    } catch (err) {
      await harness.dispose();
      throw err;
    }
  }

  get config(): PlatformConfig {
    return this.harness.config;
  }

  /** The sessions' clock. */
  now(): Date {
    return this.clock.now();
  }

  /** Moves the sessions' clock forward. */
  advance(seconds: number): void {
    this.clock.advance(seconds);
  }

  query<T = Record<string, unknown>>(statement: SQL): Promise<T[]> {
    return this.harness.query<T>(statement);
  }

  dispose(): Promise<void> {
    return this.harness.dispose();
  }
}

/** A registration input with a unique email and a policy-conforming password. */
export function newUser(overrides: Partial<{ email: string; password: string; name: string }> = {}) {
  return {
    email: `user-${randomUUID()}@example.com`,
    password: `pw-${randomBytes(9).toString('base64url')}`,
    name: 'Ada Lovelace',
    ...overrides,
  };
}
