import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { findScreening, findTrip } from './support/builders.js';
import { LockSeatsDocument, ReleaseSeatsDocument, ShowDocument } from './support/documents.js';
import { connectLive, gatewayMetric, type LiveClient } from './support/live.js';

const watchShow = `subscription Watch($showId: ID!) {
  seatMapChanged(showId: $showId) {
    version
    change
    seats { id status label price { amount currency } }
    show { id startsAt movie { title } }
  }
}`;
const watchVersions = `subscription Versions($showId: ID!) {
  seatMapChanged(showId: $showId) { version fromVersion seats { id status } }
}`;
const watchLegs = `subscription Legs($showId: ID!, $fromStop: Int, $toStop: Int) {
  seatMapChanged(showId: $showId, fromStop: $fromStop, toStop: $toStop) { version fromStop toStop seats { id code status } }
}`;

const watchCompact = `subscription Compact($showId: ID!) {
  seatMapChanged(showId: $showId) { version seats { code status } seatIndexes statuses }
}`;

interface CompactFrame {
  version: number;
  seats: Array<{ code: string; status: string }>;
  seatIndexes: number[];
  statuses: string;
}

interface Change {
  version: number;
  fromVersion: number;
  change?: string;
  seats: Array<{ id: string; status: string }>;
}

describe.each(modes)('live seat maps through the gateway (%s)', (mode) => {
  let t: TestStack;
  let alice: TestUser;
  let bob: TestUser;
  let screening: Awaited<ReturnType<typeof findScreening>>;
  let nextSeat = 0;
  const clients: LiveClient[] = [];
  const live = (baseUrl: string, params?: Record<string, unknown>) => {
    const client = connectLive(baseUrl, params ? { params } : {});
    clients.push(client);
    return client;
  };
  const seats = (n: number) => screening.seatIds.slice(nextSeat, (nextSeat += n));
  const hold = async (via: TestStack, user: TestUser, seatIds: string[], showId = screening.showId) => {
    const result = await via.gql(LockSeatsDocument, { input: { showId, seatIds } }, user.token);
    expect(result.errors).toBeUndefined();
    return result.data!.lockSeats.id;
  };
  const seatMapVersion = async () => (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap.version;
  /** Subscribes and waits until the gateway counts the watcher, so no change is missed by the test. */
  const subscribed = async <T = Change>(
    client: LiveClient,
    query: string,
    variables: Record<string, unknown>,
    via = t,
  ) => {
    const before = await gatewayMetric(via.baseUrl, 'seats_live_watchers');
    const watch = client.subscribe<{ seatMapChanged: T }>(query, variables);
    await waitFor(async () => (await gatewayMetric(via.baseUrl, 'seats_live_watchers')) > before, 10_000, 20);
    return watch;
  };

  beforeAll(async () => {
    t = await startTestStack(mode, {
      seed: true,
      env: { MAX_HOLDS_PER_USER_PER_SHOW: '50', RATE_LIMIT_LOCK_SEATS: 'off', WS_MAX_CONNECTIONS_PER_USER: '2' },
    });
    [alice, bob] = await Promise.all([t.register('Alice'), t.register('Bob')]);
    screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t?.dispose();
  });

  it('pushes a hold and its release, with show fields from other subgraphs', async () => {
    const watch = await subscribed(live(t.baseUrl), watchShow, { showId: screening.showId });
    const seatIds = seats(2);
    const holdId = await hold(t, alice, seatIds);
    await t.gql(ReleaseSeatsDocument, { holdId }, alice.token);
    const [held, released] = await watch.until(2);
    expect(held!.errors).toBeUndefined();
    const change = held!.data!.seatMapChanged as Change & { show: { id: string; movie: { title: string } } };
    expect(change).toMatchObject({ change: 'HELD', show: { id: screening.showId } });
    expect(change.show.movie.title.length).toBeGreaterThan(0);
    expect(change.seats.map((s) => [s.id, s.status])).toEqual(seatIds.map((id) => [id, 'HELD']));
    expect(released!.data!.seatMapChanged).toMatchObject({ change: 'RELEASED', version: change.version + 1 });
    expect(released!.data!.seatMapChanged.seats.every((s) => s.status === 'AVAILABLE')).toBe(true);
    watch.stop();
  });

  it('delivers a burst of changes in version order, in frames that leave no version out, ending at the seat map version', async () => {
    const watch = await subscribed(live(t.baseUrl), watchVersions, { showId: screening.showId });
    const holds = Array.from({ length: 12 }, (_, i) => ({ user: i % 2 ? alice : bob, seatIds: seats(1) }));
    await Promise.all(holds.map((h) => hold(t, h.user, h.seatIds)));
    const last = await seatMapVersion();
    await waitFor(() => watch.results.at(-1)?.data?.seatMapChanged.version === last, 10_000, 20);
    const frames = watch.results.map((r) => r.data!.seatMapChanged);
    // Each frame starts right after the one before it and covers at least one version.
    for (const [i, frame] of frames.entries()) {
      expect(frame.fromVersion).toBeLessThanOrEqual(frame.version);
      if (i > 0) expect(frame.fromVersion).toBe(frames[i - 1]!.version + 1);
    }
    expect(frames.at(-1)!.version - frames[0]!.fromVersion + 1).toBe(12);
    const pushed = frames.flatMap((f) => f.seats.map((s) => s.id)).sort();
    expect(pushed).toEqual(holds.flatMap((h) => h.seatIds).sort());
    expect(frames.flatMap((f) => f.seats).every((s) => s.status === 'HELD')).toBe(true);
    watch.stop();
  });

  it('merges changes that come close together into one frame with the latest status of each seat', async () => {
    const watch = await subscribed(live(t.baseUrl), watchVersions, { showId: screening.showId });
    const merged = await gatewayMetric(t.baseUrl, 'seats_live_conflated');
    const seatIds = seats(1);
    // A hold, then its release, a few at once: the release of each seat is its latest status.
    const holdIds = await Promise.all([0, 1, 2].map(() => hold(t, alice, seats(1))).concat(hold(t, bob, seatIds)));
    await Promise.all(
      holdIds.map((holdId) => t.gql(ReleaseSeatsDocument, { holdId }, holdId === holdIds[3] ? bob.token : alice.token)),
    );
    const last = await seatMapVersion();
    await waitFor(() => watch.results.at(-1)?.data?.seatMapChanged.version === last, 10_000, 20);
    const frames = watch.results.map((r) => r.data!.seatMapChanged);
    expect(frames.at(-1)!.version - frames[0]!.fromVersion + 1).toBe(8);
    const latest = new Map(frames.flatMap((f) => f.seats.map((s) => [s.id, s.status] as const)));
    expect(latest.get(seatIds[0]!)).toBe('AVAILABLE');
    expect([...latest.values()].every((status) => status === 'AVAILABLE')).toBe(true);
    // Eight changes in at most a handful of frames: the gateway merged some (its counter says how many).
    const conflated = (await gatewayMetric(t.baseUrl, 'seats_live_conflated')) - merged;
    expect(conflated).toBe(8 - frames.length);
    watch.stop();
  });

  it("gives a frame's seats compactly too: their places in layout order and their status letters", async () => {
    const watch = await subscribed<CompactFrame>(live(t.baseUrl), watchCompact, { showId: screening.showId });
    const held = seats(2);
    await hold(t, bob, held);
    const [result] = await watch.until(1);
    const frame = result!.data!.seatMapChanged;
    const map = await t.gql<{ show: { seatMap: { statuses: string; seats: Array<{ code: string }> } } }>(
      `query($id: ID!) { show(id: $id) { seatMap { statuses seats { code } } } }`,
      { id: screening.showId },
    );
    const order = map.data!.show.seatMap.seats.map((s) => s.code);
    const letter = { AVAILABLE: 'A', HELD: 'H', BOOKED: 'B' } as const;
    expect(frame.seatIndexes).toEqual([...frame.seatIndexes].sort((a, b) => a - b));
    expect(frame.seatIndexes.map((i, k) => [order[i], frame.statuses[k]])).toEqual(
      [...frame.seats]
        .sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))
        .map((s) => [s.code, letter[s.status as keyof typeof letter]]),
    );
    expect(frame.seats).toHaveLength(held.length);
    // The letters are those the seat map's own statuses now show at those places.
    expect(frame.seatIndexes.map((i) => map.data!.show.seatMap.statuses[i]).join('')).toBe(frame.statuses);
    watch.stop();
  });

  it('executes one document once per event for all its watchers', async () => {
    const watches = await Promise.all(
      Array.from({ length: 5 }, () => subscribed(live(t.baseUrl), watchVersions, { showId: screening.showId })),
    );
    const other = await subscribed(live(t.baseUrl), watchShow, { showId: screening.showId });
    expect(await gatewayMetric(t.baseUrl, 'seats_live_subjects')).toBe(1);
    const before = await gatewayMetric(t.baseUrl, 'seats_live_executions');
    await hold(t, alice, seats(1));
    const got = await Promise.all([...watches, other].map((w) => w.until(1)));
    expect(new Set(got.map((r) => r[0]!.data!.seatMapChanged.version)).size).toBe(1);
    expect((await gatewayMetric(t.baseUrl, 'seats_live_executions')) - before).toBe(2);
    for (const w of [...watches, other]) w.stop();
    await waitFor(async () => (await gatewayMetric(t.baseUrl, 'seats_live_subjects')) === 0, 10_000, 20);
  });

  it('reports trip seats for the watched legs', async () => {
    const trip = await findTrip(t);
    const watch = await subscribed(live(t.baseUrl), watchLegs, { showId: trip.showId, fromStop: 1, toStop: 2 });
    const seatId = trip.seatIds[0]!;
    const result = await t.gql(
      LockSeatsDocument,
      { input: { showId: trip.showId, seatIds: [seatId], fromStop: 0, toStop: 1 } },
      alice.token,
    );
    expect(result.errors).toBeUndefined();
    await hold(t, bob, [seatId], trip.showId).catch(() => undefined);
    const [change] = await watch.until(1);
    // The hold covers leg 0 only: for legs [1, 2) the seat is still free (the same seat, under its id for those legs).
    const [legsSeat] = (await t.gql(ShowDocument, { id: trip.showId, fromStop: 1, toStop: 2 })).data!.show!.seatMap
      .seats;
    expect(change!.data!.seatMapChanged).toMatchObject({
      fromStop: 1,
      toStop: 2,
      seats: [{ id: legsSeat!.id, code: legsSeat!.code, status: 'AVAILABLE' }],
    });
    watch.stop();
  });

  it('resyncs by the rule after a reconnect: the reloaded map continues the versions', async () => {
    const first = live(t.baseUrl);
    const watch = await subscribed(first, watchVersions, { showId: screening.showId });
    await hold(t, alice, seats(1));
    const [seen] = await watch.until(1);
    await first.dispose();
    // Missed while away: two changes.
    await hold(t, alice, seats(1));
    await hold(t, bob, seats(1));
    const reloaded = await seatMapVersion();
    expect(reloaded).toBe(seen!.data!.seatMapChanged.version + 2);
    const again = await subscribed(live(t.baseUrl), watchVersions, { showId: screening.showId });
    await hold(t, bob, seats(1));
    const [next] = await again.until(1);
    expect(next!.data!.seatMapChanged.version).toBe(reloaded + 1);
    again.stop();
  });

  it('signs a connection in with the access token and caps connections per user', async () => {
    const params = { authorization: `Bearer ${alice.token}` };
    const signedIn = [live(t.baseUrl, params), live(t.baseUrl, params)];
    const watches = await Promise.all(signedIn.map((c) => subscribed(c, watchVersions, { showId: screening.showId })));
    await hold(t, bob, seats(1));
    await Promise.all(watches.map((w) => w.until(1)));
    const third = live(t.baseUrl, params);
    third.subscribe(watchVersions, { showId: screening.showId });
    await waitFor(async () => third.closes.length > 0, 5_000, 20);
    expect(third.closes[0]!.code).toBe(4429);
    const refused = live(t.baseUrl, { authorization: `Bearer ${alice.token}x` });
    refused.subscribe(watchVersions, { showId: screening.showId });
    await waitFor(async () => refused.closes.length > 0, 5_000, 20);
    expect(refused.closes[0]!.code).toBe(4403);
    for (const w of watches) w.stop();
  });

  describe('with a second gateway and bookings instance on the same database and bus', () => {
    let other: TestStack;
    beforeAll(async () => {
      other = await startTestStack(mode, { joinOf: t });
    });
    afterAll(() => other?.dispose());

    it('shows a change made through one gateway to watchers on the other', async () => {
      const onOther = await subscribed(live(other.baseUrl), watchShow, { showId: screening.showId }, other);
      const onFirst = await subscribed(live(t.baseUrl), watchShow, { showId: screening.showId });
      const viaFirst = seats(1);
      const viaOther = seats(1);
      await hold(t, alice, viaFirst);
      await hold(other, bob, viaOther);
      for (const watch of [onOther, onFirst]) {
        const results = await watch.until(2);
        const changes = results.map((r) => r.data!.seatMapChanged);
        expect(changes.map((c) => c.seats[0]!.id)).toEqual([viaFirst[0], viaOther[0]]);
        expect(changes[1]!.version).toBe(changes[0]!.version + 1);
        watch.stop();
      }
    });
  });
});
