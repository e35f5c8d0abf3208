import type { FormattedExecutionResult } from 'graphql';
import type { Disposable, Logger } from '@seats/platform';
import type { LiveExecutor } from './executor.js';
import type { LiveHub, Versioned } from './hub.js';
import type { LivePlan } from './planner.js';
import type { Sink } from './sink.js';

/** One subscription document with its variables, on one source subject. */
export interface Subscription {
  /** Identifies document, operation name and variables. */
  key: string;
  subject: string;
  plan: LivePlan;
  variables: Record<string, unknown>;
}

interface Group {
  subscription: Subscription;
  sinks: Set<Sink<FormattedExecutionResult>>;
  /** Executions run one after another, so results leave in event order. */
  tail: Promise<void>;
  watching: Promise<Disposable>;
}

/**
 * Watchers of the same document and variables form a group: each event is
 * executed once per group and the result is handed to every watcher in it.
 */
export class LiveFanout<T extends Versioned> {
  private readonly groups = new Map<string, Group>();
  /** Executions since start: one per event and group, however many watchers. */
  executions = 0;

  constructor(
    private readonly hub: LiveHub<T>,
    private readonly executor: LiveExecutor,
    private readonly log: Logger,
  ) {}

  /** Adds a watcher; its sink's `return()` takes it out again. */
  async join(subscription: Subscription, sink: Sink<FormattedExecutionResult>): Promise<void> {
    let group = this.groups.get(subscription.key);
    if (!group) {
      const created: Group = {
        subscription,
        sinks: new Set(),
        tail: Promise.resolve(),
        watching: Promise.resolve({ dispose: async () => {} }),
      };
      created.watching = this.hub.watch(subscription.subject, (message) => this.enqueue(created, message));
      this.groups.set(subscription.key, created);
      group = created;
    }
    const joined = group;
    joined.sinks.add(sink);
    sink.onReturn = () => void this.leave(joined, sink);
    try {
      await joined.watching;
    } catch (err) {
      await this.leave(joined, sink);
      throw err;
    }
  }

  /** Watchers across all groups (metrics and tests). */
  get watchers(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.sinks.size;
    return count;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  private enqueue(group: Group, message: T): void {
    group.tail = group.tail.then(async () => {
      if (group.sinks.size === 0) return;
      const { plan, variables } = group.subscription;
      this.executions++;
      const result = await this.executor.execute(plan, variables, message);
      for (const sink of group.sinks) sink.push(result);
    });
  }

  private async leave(group: Group, sink: Sink<FormattedExecutionResult>): Promise<void> {
    group.sinks.delete(sink);
    if (group.sinks.size > 0 || this.groups.get(group.subscription.key) !== group) return;
    this.groups.delete(group.subscription.key);
    try {
      await (await group.watching).dispose();
    } catch (err) {
      this.log.debug({ err }, 'live group closed before it was watching');
    }
  }
}
