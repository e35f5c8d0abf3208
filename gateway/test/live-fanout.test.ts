import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, type FormattedExecutionResult } from 'graphql';
import { z } from 'zod';
import { createLogger, MemoryBus } from '@seats/platform';
import { SupergraphPlanning } from '../src/execution/planning.js';
import { LiveFanout, type FrameExecutor, type Subscription } from '../src/live/fanout.js';
import { LiveHub } from '../src/live/hub.js';
import { LivePlanner, type LivePlan } from '../src/live/planner.js';
import { Watcher, type LiveSocket } from '../src/live/watcher.js';
import { loadSupergraph } from '../src/supergraph.js';

const log = createLogger('test', 'silent');
const subject = 'live.seatmap.fanout';

interface Message {
  version: number;
}

/** An executor that records each frame it is given and answers when the test lets it. */
class RecordingExecutor implements FrameExecutor {
  readonly frames: number[][] = [];
  private held: Array<() => void> = [];
  hold = false;

  execute(_plan: LivePlan, _variables: Record<string, unknown>, event: unknown): Promise<FormattedExecutionResult> {
    const versions: number[] = Array.isArray(event) ? event.map((m: Message) => m.version) : [];
    this.frames.push(versions);
    const result = { data: { versions } };
    if (!this.hold) return Promise.resolve(result);
    return new Promise((resolve) => this.held.push(() => resolve(result)));
  }

  release(): void {
    this.hold = false;
    for (const answer of this.held.splice(0)) answer();
  }
}

const sentMessage = z.object({
  id: z.string(),
  payload: z.object({ data: z.object({ versions: z.array(z.number()) }) }),
});

/** A socket that keeps what is sent to it; `bufferedAmount` is what the test says. */
class RecordingSocket implements LiveSocket {
  readonly OPEN = 1;
  readyState: LiveSocket['readyState'] = 1;
  bufferedAmount = 0;
  readonly sent: Array<z.infer<typeof sentMessage>> = [];
  closedWith: number | undefined;

  send(data: unknown): void {
    this.sent.push(sentMessage.parse(JSON.parse(String(data))));
  }

  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
}

describe('the live fan-out', () => {
  let plan: LivePlan;
  let bus: MemoryBus;
  let hub: LiveHub<Message>;
  let executor: RecordingExecutor;
  let fanout: LiveFanout<Message>;
  const watchers: Watcher[] = [];

  beforeAll(() => {
    const planner = new LivePlanner(new SupergraphPlanning(loadSupergraph()));
    const document = parse('subscription($showId: ID!) { seatMapChanged(showId: $showId) { version } }');
    plan = planner.plan(document, undefined);
  });
  const setUp = (windowMs: number, reorderWindowMs = 50) => {
    bus = new MemoryBus(log);
    hub = new LiveHub(bus, log, reorderWindowMs);
    executor = new RecordingExecutor();
    fanout = new LiveFanout(hub, executor, (messages) => messages, log, windowMs);
  };
  const watch = async (socket = new RecordingSocket(), id = 'w') => {
    const subscription: Subscription = { key: 'k', subject, plan, variables: {} };
    const watcher = new Watcher(socket, id, 4 * 1024 * 1024);
    watchers.push(watcher);
    await fanout.join(subscription, watcher);
    return socket;
  };
  const send = async (...versions: number[]) => {
    for (const version of versions) await bus.emit(subject, { version });
  };
  const versionsSent = (socket: RecordingSocket) => socket.sent.map((m) => m.payload.data.versions);
  afterEach(async () => {
    for (const watcher of watchers.splice(0)) await watcher.return();
    await hub.dispose();
    await bus.dispose();
  });

  it('sends a change at once to an idle group, as a frame of one, to every watcher with its own id', async () => {
    setUp(50);
    const [a, b] = [await watch(new RecordingSocket(), 'one'), await watch(new RecordingSocket(), 'two')];
    await send(1);
    await expect.poll(() => versionsSent(a)).toEqual([[1]]);
    expect(versionsSent(b)).toEqual([[1]]);
    expect([a.sent[0]!.id, b.sent[0]!.id]).toEqual(['one', 'two']);
    expect(executor.frames).toEqual([[1]]);
  });

  it('merges what comes while a frame is executed into the next frame, executed once', async () => {
    setUp(0);
    const socket = await watch();
    executor.hold = true;
    await send(1);
    await expect.poll(() => executor.frames.length).toBe(1);
    await send(2, 3, 4, 5);
    expect(executor.frames).toEqual([[1]]);
    executor.release();
    await expect.poll(() => versionsSent(socket)).toEqual([[1], [2, 3, 4, 5]]);
    expect(executor.frames).toEqual([[1], [2, 3, 4, 5]]);
    expect(fanout.executions).toBe(2);
    expect(fanout.conflated).toBe(3);
  });

  it('waits out the window after a frame before the next one', async () => {
    setUp(300);
    const socket = await watch();
    await send(1);
    await expect.poll(() => versionsSent(socket)).toEqual([[1]]);
    await send(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await send(3);
    // Inside the window: nothing more yet.
    expect(versionsSent(socket)).toEqual([[1]]);
    await expect.poll(() => versionsSent(socket), { timeout: 2_000 }).toEqual([[1], [2, 3]]);
  });

  it('never merges across a missing version, so the watcher still sees the gap', async () => {
    setUp(0, 20);
    const socket = await watch();
    executor.hold = true;
    await send(1);
    await expect.poll(() => executor.frames.length).toBe(1);
    // 4 waits for 3 in the hub's reorder window, then comes on with the gap.
    await send(2, 4, 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    executor.release();
    await expect.poll(() => versionsSent(socket)).toEqual([[1], [2], [4, 5]]);
  });

  it('owes a socket that is behind only the latest frame, sent once it has drained', async () => {
    setUp(0);
    const slow = await watch(new RecordingSocket(), 'slow');
    const quick = await watch(new RecordingSocket(), 'quick');
    await send(1);
    await expect.poll(() => versionsSent(slow)).toEqual([[1]]);
    slow.bufferedAmount = 1024 * 1024;
    await send(2);
    await expect.poll(() => versionsSent(quick)).toEqual([[1], [2]]);
    await send(3);
    await expect.poll(() => versionsSent(quick)).toEqual([[1], [2], [3]]);
    expect(versionsSent(slow)).toEqual([[1]]);
    slow.bufferedAmount = 0;
    // Version 2 is never sent: the client sees 1 then 3, a gap, and reloads the latest map.
    await expect.poll(() => versionsSent(slow)).toEqual([[1], [3]]);
    expect(slow.closedWith).toBeUndefined();
  });

  it('closes a socket with 1013 once too much waits on it', async () => {
    setUp(0);
    const socket = await watch();
    socket.bufferedAmount = 5 * 1024 * 1024;
    await send(1);
    await expect.poll(() => socket.closedWith).toBe(1013);
    expect(socket.sent).toEqual([]);
    await expect.poll(() => fanout.watchers).toBe(0);
  });
});
