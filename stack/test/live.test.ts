import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { findScreening } from './support/builders.js';
import { LockSeatsDocument, ReleaseSeatsDocument } from './support/documents.js';
import { connectLive, type LiveClient } from './support/live.js';

const watchShow = `subscription Watch($showId: ID!) {
  seatMapChanged(showId: $showId) {
    version
    change
    seats { id status }
    show { id movie { title } }
  }
}`;

describe.each(modes)('live seat maps through the gateway (%s)', (mode) => {
  let t: TestStack;
  let alice: TestUser;
  let screening: Awaited<ReturnType<typeof findScreening>>;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    alice = await t.register('Alice');
    screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t?.dispose();
  });

  it('pushes a hold and its release with the show from other subgraphs', async () => {
    const live = connectLive(t.baseUrl);
    clients.push(live);
    const watch = live.subscribe(watchShow, { showId: screening.showId });
    await new Promise((r) => setTimeout(r, 300));
    const seatIds = screening.seatIds.slice(10, 12);
    const held = await t.gql(LockSeatsDocument, { input: { showId: screening.showId, seatIds } }, alice.token);
    expect(held.errors).toBeUndefined();
    const [first] = await watch.until(1);
    console.log(JSON.stringify(first));
    expect(first?.errors).toBeUndefined();
    expect(first?.data?.seatMapChanged).toMatchObject({ change: 'HELD', show: { id: screening.showId } });
    await t.gql(ReleaseSeatsDocument, { holdId: held.data!.lockSeats.id }, alice.token);
    const results = await watch.until(2);
    console.log(JSON.stringify(results[1]));
  });
});
