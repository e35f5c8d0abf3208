import type { Disposable, Logger } from '@seats/platform';
import type { LiveExecutor } from './executor.js';
import type { LiveHub, Versioned } from './hub.js';
import type { LivePlan } from './planner.js';
import type { Watcher } from './watcher.js';

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
  watchers: Set<Watcher>;
  /** Deliveries run one after another, so results leave in event order. */
  tail: Promise<void>;
  /** Events waiting for an execution slot, in order. */
  waiting: unknown[];
  running: number;
  watching: Promise<Disposable>;
}

/** Watchers written to before the event loop gets a turn (the subgraphs share it when embedded). */
const sliceSize = 500;
/** Executions of one group at a time: a burst (a cancelled show's many releases) queues instead. */
const maxRunning = 4;

/**
 * Watchers of the same document and variables form a group: each event is
 * executed once per group, its result serialised once and written to every
 * watcher. Executions of consecutive events overlap; deliveries keep their
 * order.
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

  /** Adds a watcher; its `return()` takes it out again. */
  async join(subscription: Subscription, watcher: Watcher): Promise<void> {
    let group = this.groups.get(subscription.key);
    if (!group) {
      const created: Group = {
        subscription,
        watchers: new Set(),
        tail: Promise.resolve(),
        waiting: [],
        running: 0,
        watching: Promise.resolve({ dispose: async () => {} }),
      };
      created.watching = this.hub.watch(subscription.subject, (message) => this.enqueue(created, message));
      this.groups.set(subscription.key, created);
      group = created;
    }
    const joined = group;
    joined.watchers.add(watcher);
    watcher.onReturn = () => void this.leave(joined, watcher);
    try {
      await joined.watching;
    } catch (err) {
      await this.leave(joined, watcher);
      throw err;
    }
  }

  /** Watchers across all groups (metrics and tests). */
  get watchers(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.watchers.size;
    return count;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  private enqueue(group: Group, message: T): void {
    if (group.watchers.size === 0) return;
    group.waiting.push(message);
    this.startWaiting(group);
  }

  /** Starts queued executions while slots are free; each result is delivered after the one before it. */
  private startWaiting(group: Group): void {
    while (group.running < maxRunning && group.waiting.length > 0) {
      const message = group.waiting.shift();
      const { plan, variables } = group.subscription;
      group.running++;
      this.executions++;
      const result = this.executor.execute(plan, variables, message);
      group.tail = group.tail
        .then(async () => {
          const payload = JSON.stringify(await result);
          group.running--;
          this.startWaiting(group);
          await deliver(group.watchers, payload);
        })
        .catch((err: unknown) => this.log.error({ err, subject: group.subscription.subject }, 'live delivery failed'));
    }
  }

  private async leave(group: Group, watcher: Watcher): Promise<void> {
    group.watchers.delete(watcher);
    if (group.watchers.size > 0 || this.groups.get(group.subscription.key) !== group) return;
    this.groups.delete(group.subscription.key);
    try {
      await (await group.watching).dispose();
    } catch (err) {
      this.log.debug({ err }, 'live group closed before it was watching');
    }
  }
}

/** Writes one serialised result to every watcher, yielding to the event loop between slices. */
async function deliver(watchers: Set<Watcher>, payload: string): Promise<void> {
  let written = 0;
  for (const watcher of [...watchers]) {
    watcher.send(payload);
    if (++written % sliceSize === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
