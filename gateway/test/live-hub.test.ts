import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, MemoryBus } from '@seats/platform';
import { LiveHub } from '../src/live/hub.js';

const log = createLogger('test', 'silent');
const subject = 'live.seatmap.test';

describe('the live hub', () => {
  let bus: MemoryBus;
  let hub: LiveHub<{ version: number }>;

  const setUp = (reorderWindowMs = 100) => {
    bus = new MemoryBus(log);
    hub = new LiveHub(bus, log, reorderWindowMs);
  };
  const send = (...versions: number[]) => Promise.all(versions.map((version) => bus.emit(subject, { version })));
  afterEach(async () => {
    await hub.dispose();
    await bus.dispose();
  });

  it('passes each version on once, in order, to every watcher', async () => {
    setUp();
    const a: number[] = [];
    const b: number[] = [];
    await hub.watch(subject, (m) => a.push(m.version));
    await hub.watch(subject, (m) => b.push(m.version));
    await send(4, 5, 5, 3, 6);
    expect(a).toEqual([4, 5, 6]);
    expect(b).toEqual(a);
  });

  it('holds a version that arrives early until the missing one comes', async () => {
    setUp(1_000);
    const seen: number[] = [];
    await hub.watch(subject, (m) => seen.push(m.version));
    await send(1, 3, 4);
    expect(seen).toEqual([1]);
    await send(2);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('passes a gap on after the reorder window, so watchers reload', async () => {
    setUp(50);
    const seen: number[] = [];
    await hub.watch(subject, (m) => seen.push(m.version));
    await send(1, 4, 3);
    await expect.poll(() => seen).toEqual([1, 3, 4]);
    await send(2, 5);
    expect(seen).toEqual([1, 3, 4, 5]);
  });

  it('listens to a subject once for all its watchers and stops with the last one', async () => {
    setUp();
    const first = await hub.watch(subject, () => {});
    const second = await hub.watch(subject, () => {});
    expect(hub.subjects).toBe(1);
    await first.dispose();
    expect(hub.subjects).toBe(1);
    await second.dispose();
    expect(hub.subjects).toBe(0);
    const seen: number[] = [];
    await hub.watch('live.seatmap.other', (m) => seen.push(m.version));
    await send(1);
    expect(seen).toEqual([]);
  });
});
