import type { FormattedExecutionResult } from 'graphql';
import type { Disposable, Logger } from '@seats/platform';
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

interface Group<T> {
  subscription: Subscription;
  watchers: Set<Watcher>;
  /** Messages that came since the last frame went out, in version order. */
  pending: T[];
  /** A frame is being executed or delivered: what comes meanwhile joins the next one. */
  busy: boolean;
  /** When the last frame started, for the conflation window. */
  lastStart: number;
  timer: NodeJS.Timeout | undefined;
  watching: Promise<Disposable>;
}

/** Watchers written to before the event loop gets a turn (the subgraphs share it when embedded). */
const sliceSize = 500;

/** Runs a subscription's plan for one frame (LiveExecutor). */
export interface FrameExecutor {
  execute(plan: LivePlan, variables: Record<string, unknown>, event: unknown): Promise<FormattedExecutionResult>;
}

/** What the executor is given for one frame: the source event of a subscription execution. */
export type FrameOf<T> = (messages: [T, ...T[]]) => unknown;

/**
 * Watchers of the same document and variables form a group: each frame is
 * executed once per group, its result serialised once and written to every
 * watcher. A frame is every message of the subject that came while the
 * group's previous frame was executed and delivered, and at least
 * `windowMs` after it started: an idle group sends a change at once, a
 * burst goes out as one frame per window, however many changes it holds.
 * Only consecutive versions share a frame, so a gap still shows.
 */
export class LiveFanout<T extends Versioned> {
  private readonly groups = new Map<string, Group<T>>();
  /** Executions since start: one per frame and group, however many watchers. */
  executions = 0;
  /** Messages since start that went out in a frame with others (one per message beyond the first). */
  conflated = 0;

  constructor(
    private readonly hub: LiveHub<T>,
    private readonly executor: FrameExecutor,
    private readonly frameOf: FrameOf<T>,
    private readonly log: Logger,
    private readonly windowMs = 50,
  ) {}

  /** Adds a watcher; its `return()` takes it out again. */
  async join(subscription: Subscription, watcher: Watcher): Promise<void> {
    let group = this.groups.get(subscription.key);
    if (!group) {
      const created: Group<T> = {
        subscription,
        watchers: new Set(),
        pending: [],
        busy: false,
        lastStart: 0,
        timer: undefined,
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

  private enqueue(group: Group<T>, message: T): void {
    if (group.watchers.size === 0) return;
    group.pending.push(message);
    this.schedule(group);
  }

  /** Sends the pending messages now, or once the group is free and its window has passed. */
  private schedule(group: Group<T>): void {
    if (group.busy || group.timer || group.pending.length === 0) return;
    const wait = group.lastStart + this.windowMs - Date.now();
    if (wait > 0) {
      group.timer = setTimeout(() => {
        group.timer = undefined;
        this.schedule(group);
      }, wait);
      return;
    }
    group.busy = true;
    group.lastStart = Date.now();
    const messages = group.pending;
    group.pending = [];
    this.send(group, messages)
      .catch((err: unknown) => this.log.error({ err, subject: group.subscription.subject }, 'live delivery failed'))
      .finally(() => {
        group.busy = false;
        this.schedule(group);
      });
  }

  /** Executes and delivers the messages as frames of consecutive versions, in order. */
  private async send(group: Group<T>, messages: T[]): Promise<void> {
    const { plan, variables } = group.subscription;
    for (const frame of consecutiveRuns(messages)) {
      this.executions++;
      this.conflated += frame.length - 1;
      const result = await this.executor.execute(plan, variables, this.frameOf(frame));
      await deliver(group.watchers, JSON.stringify(result));
    }
  }

  private async leave(group: Group<T>, watcher: Watcher): Promise<void> {
    group.watchers.delete(watcher);
    if (group.watchers.size > 0 || this.groups.get(group.subscription.key) !== group) return;
    this.groups.delete(group.subscription.key);
    clearTimeout(group.timer);
    group.pending = [];
    try {
      await (await group.watching).dispose();
    } catch (err) {
      this.log.debug({ err }, 'live group closed before it was watching');
    }
  }
}

/** Splits version-ordered messages where a version is missing. */
function consecutiveRuns<T extends Versioned>(messages: readonly T[]): Array<[T, ...T[]]> {
  const runs: Array<[T, ...T[]]> = [];
  let run: [T, ...T[]] | undefined;
  for (const message of messages) {
    const last = run?.[run.length - 1];
    if (run && last && message.version === last.version + 1) run.push(message);
    else runs.push((run = [message]));
  }
  return runs;
}

/** Writes one serialised result to every watcher, yielding to the event loop between slices. */
async function deliver(watchers: Set<Watcher>, payload: string): Promise<void> {
  const frame = Buffer.from(`${payload}}`);
  let written = 0;
  for (const watcher of [...watchers]) {
    watcher.send(frame);
    if (++written % sliceSize === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
