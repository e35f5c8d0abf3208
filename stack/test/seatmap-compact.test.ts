import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { findScreening, findTrip } from './support/builders.js';
import { LockSeatsDocument } from './support/documents.js';

const compactQuery = `query Compact($id: ID!, $fromStop: Int, $toStop: Int) {
  show(id: $id) {
    seatMap(fromStop: $fromStop, toStop: $toStop) {
      version
      statuses
      layout { id revision seatCount url }
      prices { category price { amount currency } }
      seats { code category status price { amount currency } }
    }
  }
}`;

interface CompactMap {
  version: number;
  statuses: string;
  layout: { id: string; revision: number; seatCount: number; url: string };
  prices: Array<{ category: string; price: { amount: number; currency: string } }>;
  seats: Array<{ code: string; category: string; status: string; price: { amount: number; currency: string } }>;
}

interface LayoutBody {
  id: string;
  revision: number;
  seats: Array<{ code: string; category: string }>;
}

const statusOf: Record<string, string> = { A: 'AVAILABLE', H: 'HELD', B: 'BOOKED' };

describe.each(modes)('compact seat maps and cached layouts (%s)', (mode) => {
  let t: TestStack;
  let alice: TestUser;
  let screening: Awaited<ReturnType<typeof findScreening>>;

  beforeAll(async () => {
    // Holds lapse after 3 s and are swept only once a minute: a lapsed hold's seats free up before any new version.
    t = await startTestStack(mode, {
      seed: true,
      env: { HOLD_TTL_SECONDS: '3', SWEEP_INTERVAL_MS: '60000', RATE_LIMIT_LOCK_SEATS: 'off' },
    });
    alice = await t.register('Alice');
    screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
  });
  afterAll(() => t?.dispose());

  const seatMap = async (id: string, legs: { fromStop?: number; toStop?: number } = {}) => {
    const result = await t.gql<{ show: { seatMap: CompactMap } }>(compactQuery, { id, ...legs });
    expect(result.errors).toBeUndefined();
    return result.data!.show.seatMap;
  };
  const hold = async (showId: string, seatIds: string[], legs: { fromStop?: number; toStop?: number } = {}) => {
    const result = await t.gql(LockSeatsDocument, { input: { showId, seatIds, ...legs } }, alice.token);
    expect(result.errors).toBeUndefined();
    return result.data!.lockSeats.id;
  };
  const layoutOf = async (url: string, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}${url}`, { headers });

  it('gives one status per seat in layout order, the same the full seats give, with prices per category', async () => {
    const map = await seatMap(screening.showId);
    expect(map.statuses).toHaveLength(map.seats.length);
    expect(map.layout.seatCount).toBe(map.seats.length);
    expect([...map.statuses].map((c) => statusOf[c])).toEqual(map.seats.map((s) => s.status));
    const prices = new Map(map.prices.map((p) => [p.category, p.price]));
    for (const seat of map.seats) expect(prices.get(seat.category)).toEqual(seat.price);
    const layout = (await (await layoutOf(map.layout.url)).json()) as LayoutBody;
    expect(layout).toMatchObject({ id: map.layout.id, revision: map.layout.revision });
    expect(layout.seats.map((s) => s.code)).toEqual(map.seats.map((s) => s.code));
  });

  it('shows a hold in the statuses at the version it made, and the seats free again once it lapsed', async () => {
    const before = await seatMap(screening.showId);
    const codes = screening.seatCodes.slice(0, 2);
    await hold(screening.showId, codes);
    const held = await seatMap(screening.showId);
    expect(held.version).toBe(before.version + 1);
    const index = codes.map((code) => held.seats.findIndex((s) => s.code === code));
    expect(index.map((i) => held.statuses[i])).toEqual(['H', 'H']);
    expect([...held.statuses].filter((c, i) => c !== before.statuses[i])).toHaveLength(2);
    // Not swept yet (no new version), but lapsed: the seats can be taken, and the map says so.
    const lapsed = await waitFor(
      async () => {
        const map = await seatMap(screening.showId);
        return index.every((i) => map.statuses[i] === 'A') ? map : undefined;
      },
      10_000,
      200,
    );
    expect(lapsed.version).toBe(held.version);
    expect(index.map((i) => lapsed.seats[i]!.status)).toEqual(['AVAILABLE', 'AVAILABLE']);
  });

  it('gives a trip the statuses of the queried legs', async () => {
    const trip = await findTrip(t);
    const code = trip.seatCodes[0]!;
    await hold(trip.showId, [code], { fromStop: 0, toStop: 1 });
    const first = await seatMap(trip.showId, { fromStop: 0, toStop: 1 });
    const later = await seatMap(trip.showId, { fromStop: 1, toStop: 2 });
    const i = first.seats.findIndex((s) => s.code === code);
    expect([first.statuses[i], later.statuses[i]]).toEqual(['H', 'A']);
    expect(first.layout).toEqual(later.layout);
  });

  it('serves a layout revision for good: validators, 304, gzip, HEAD, and no caching of what is not there', async () => {
    const { layout } = await seatMap(screening.showId);
    const response = await layoutOf(layout.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const body = Buffer.from(await response.arrayBuffer());
    expect((await layoutOf(layout.url, { 'if-none-match': etag! })).status).toBe(304);
    // node's fetch would unpack gzip by itself: read the raw bytes over node:http instead.
    const raw = await rawGet(`${t.baseUrl}${layout.url}`, { 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(raw.body).equals(body)).toBe(true);
    const head = await fetch(`${t.baseUrl}${layout.url}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('etag')]).toEqual([200, etag]);
    const stale = await layoutOf(`/layouts/${layout.id}/${layout.revision + 1}`);
    expect([stale.status, stale.headers.get('cache-control')]).toEqual([404, 'no-store']);
    const unknown = await layoutOf(`/layouts/00000000-0000-4000-8000-000000000000/1`);
    expect(unknown.status).toBe(404);
    for (const path of [`/layouts/${layout.id}/0`, `/layouts/${layout.id}/x`, `/layouts/not-an-id/1`, '/layouts/']) {
      expect((await layoutOf(path)).status).toBe(404);
    }
    const post = await fetch(`${t.baseUrl}${layout.url}`, { method: 'POST' });
    expect(post.status).toBe(404);
  });

  it('answers the layout over GraphQL too, and refuses a malformed id with a coded error', async () => {
    const { layout } = await seatMap(screening.showId);
    const ok = await t.gql<{ seatLayout: { revision: number; seats: unknown[] } | null }>(
      'query($id: ID!) { seatLayout(id: $id) { revision seats { code } } }',
      { id: layout.id },
    );
    expect(ok.data?.seatLayout?.seats).toHaveLength(layout.seatCount);
    const bad = await t.gql('query { seatLayout(id: "nope") { revision } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

/** A GET whose body is left as it came (gzip and all). */
async function rawGet(url: string, headers: Record<string, string>) {
  const http = await import('node:http');
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}
