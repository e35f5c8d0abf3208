import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kind, parse, visit } from 'graphql';
import { sql } from '@seats/platform';
import type { Browser, JSHandle, Page, Request, WebSocketRoute } from 'playwright-core';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { findScreening, findTrip } from './support/builders.js';
import { browserAvailable, launchBrowser, openPage, type Device, type WatchedPage } from './support/browser.js';
import { LockSeatsDocument, ShowDocument } from './support/documents.js';

/** How soon a change made on one page must show on another. */
const liveWithinMs = 1000;
/** The smallest seat a pointer may choose (WCAG's minimum target size), as the page has it. */
const minTargetPx = 24;

/** What the page's `probe` answers (gateway/static/seatmap/main.js): a canvas has no element per seat to query. */
interface SeatMapProbe {
  seatCount(): number;
  status(code: string): string | undefined;
  find(status: string, count: number, skip?: number): string[];
  seat(code: string): { code: string; row: string; number: number; category: string; x: number; y: number } | null;
  onPage(code: string): { x: number; y: number; size: number } | null;
  selected(): string[];
  mine(code: string): boolean;
  cursor(): string | undefined;
  seatPx(): number;
  draws(): { full: number; partial: number };
}

interface SeatMapPage extends WatchedPage {
  readonly probe: JSHandle<SeatMapProbe>;
  /** Every request the page sent, from before it loaded. */
  readonly requests: Request[];
}

/** Waits until the page has drawn its map and its live subscription is up. */
async function ready(page: Page): Promise<void> {
  await page.waitForSelector('#app[data-state="ready"][data-live="connected"]', { timeout: 15_000 });
}

/** Resolves once every seat shows `status`; rejects after `timeout` ms. */
function seatsShow(map: SeatMapPage, codes: string[], status: string, timeout = liveWithinMs): Promise<unknown> {
  return map.page.waitForFunction(
    ({ probe, codes, status }) => codes.every((code) => probe.status(code) === status),
    { probe: map.probe, codes, status },
    { timeout, polling: 'raf' },
  );
}

const selected = (map: SeatMapPage) => map.probe.evaluate((probe) => probe.selected());
const onPage = (map: SeatMapPage, code: string) => map.probe.evaluate((probe, code) => probe.onPage(code), code);

/** Clicks a seat where the page draws it (seats too small to choose zoom in on the first click). */
async function clickSeat(map: SeatMapPage, code: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const at = await onPage(map, code);
    if (!at) throw new Error(`the page has no seat ${code}`);
    await map.page.mouse.click(at.x, at.y);
    if (at.size >= minTargetPx) return;
  }
  throw new Error(`seat ${code} stayed too small to choose`);
}

/** Resolves with the time the page's next response to `mutation` arrived. */
async function clickForMutation(page: Page, selector: string, mutation: string): Promise<number> {
  const response = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(`${mutation}(`),
  );
  await page.click(selector);
  const received = await response;
  expect(received.status()).toBe(200);
  return Date.now();
}

async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await page.click('#signin-button');
  await page.waitForSelector('#app[data-signed-in="true"][data-live="connected"]');
}

/** The seat-map selections of every GraphQL request the page sent: which fields of SeatMap it asked for. */
function seatMapFields(requests: Request[]): string[][] {
  const selections: string[][] = [];
  for (const request of requests.filter((r) => r.url().endsWith('/graphql') && r.method() === 'POST')) {
    const { query } = request.postDataJSON() as { query: string };
    visit(parse(query), {
      Field(field) {
        if (field.name.value !== 'seatMap') return;
        selections.push(
          (field.selectionSet?.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])),
        );
      },
    });
  }
  return selections;
}

const layoutRequests = (requests: Request[]) =>
  requests.filter((r) => new URL(r.url()).pathname.startsWith('/layouts/'));
const operationsNamed = (requests: Request[], name: string) =>
  requests.filter((r) => (r.postData() ?? '').includes(`query ${name}(`));

/** The demo data's 10,000-seat Grand Hall screening, once its seats have reached bookings (as the benchmarks find it). */
async function findGrandHall(t: TestStack): Promise<string> {
  const listed = await t.gql<{
    movies: { edges: Array<{ node: { shows: Array<{ id: string; screen: { name: string } | null }> } }> };
  }>('{ movies(first: 100) { edges { node { shows { id screen { name } } } } } }');
  const shows = listed.data?.movies.edges.flatMap((e) => e.node.shows) ?? [];
  const showId = shows.find((s) => s.screen?.name === 'Grand Hall')?.id;
  if (!showId) throw new Error('no Grand Hall screening in the demo data');
  const free = async () =>
    (
      await t.gql<{ show: { seatsFree: number } | null }>('query ($id: ID!) { show(id: $id) { seatsFree } }', {
        id: showId,
      })
    ).data?.show?.seatsFree;
  await waitFor(async () => (await free()) === 10_000, 30_000, 200);
  return showId;
}

describe.skipIf(!browserAvailable).each(modes)('the live seat-map page (%s)', (mode) => {
  let t: TestStack;
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;
  let screening: Awaited<ReturnType<typeof findScreening>>;
  let grandHall: string;
  const pages: WatchedPage[] = [];

  const open = async (
    path: string,
    { prepare, device }: { prepare?: (page: Page) => Promise<void>; device?: Device } = {},
  ): Promise<SeatMapPage> => {
    const requests: Request[] = [];
    const watched = await openPage(
      browser,
      `${t.baseUrl}${path}`,
      async (page) => {
        page.on('request', (request) => requests.push(request));
        await prepare?.(page);
      },
      device,
    );
    pages.push(watched);
    await ready(watched.page);
    const probe = await watched.page.evaluateHandle<SeatMapProbe>(
      'import("/seatmap/assets/main.js").then((page) => page.probe)',
    );
    return { ...watched, probe, requests };
  };

  const hold = (user: TestUser, showId: string, seatIds: string[]) =>
    t.gql(LockSeatsDocument, { input: { showId, seatIds } }, user.token);

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    [alice, bob] = await Promise.all([t.register('Alice'), t.register('Bob')]);
    screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
    grandHall = await findGrandHall(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.close().catch(() => {})));
    await browser?.close();
    await t?.dispose();
  });

  it('serves the page and its scripts with a strict content security policy', async () => {
    const page = await fetch(`${t.baseUrl}/seatmap/${screening.showId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const client = await fetch(`${t.baseUrl}/seatmap/assets/graphql-ws.js`);
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await client.text()).toContain('graphqlWs');

    // The page's modules must match each other: each is revalidated, answered 304 while unchanged.
    const script = await fetch(`${t.baseUrl}/seatmap/assets/main.js`);
    expect(script.headers.get('cache-control')).toBe('no-cache');
    const etag = script.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${t.baseUrl}/seatmap/assets/main.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    for (const path of ['/seatmap/not-a-show', '/seatmap/assets/nothing.js', '/seatmap/assets/..%2Findex.html']) {
      expect((await fetch(`${t.baseUrl}${path}`)).status).toBe(404);
    }
  });

  it('shows seats held on one page as held on another within a second, and their release too', async () => {
    const holder = await open(`/seatmap/${screening.showId}`);
    const watcher = await open(`/seatmap/${screening.showId}`);
    expect(await watcher.probe.evaluate((probe) => probe.seatCount())).toBe(screening.seatCodes.length);

    await signIn(holder.page, alice);
    const codes = await holder.probe.evaluate((probe) => probe.find('AVAILABLE', 2, 4));
    for (const code of codes) await clickSeat(holder, code);
    expect(await selected(holder)).toEqual(codes);

    const heldAt = await clickForMutation(holder.page, '#hold-button', 'lockSeats');
    await seatsShow(watcher, codes, 'HELD');
    expect(Date.now() - heldAt).toBeLessThan(liveWithinMs + 100);
    expect(await holder.probe.evaluate((probe, codes) => codes.every((c) => probe.mine(c)), codes)).toBe(true);
    await expect.poll(() => holder.page.locator('#holds [data-hold-id]').count()).toBe(1);

    const releasedAt = await clickForMutation(holder.page, '#holds button.secondary', 'releaseSeats');
    await seatsShow(watcher, codes, 'AVAILABLE');
    expect(Date.now() - releasedAt).toBeLessThan(liveWithinMs + 100);
    await seatsShow(holder, codes, 'AVAILABLE');

    const server = (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap.version;
    await expect.poll(() => watcher.page.getAttribute('#app', 'data-version')).toBe(String(server));
    await expect.poll(() => holder.page.getAttribute('#app', 'data-version')).toBe(String(server));
    expect([...holder.problems, ...watcher.problems]).toEqual([]);
  });

  it('shows a paid hold as booked on another page', async () => {
    const holder = await open(`/seatmap/${screening.showId}`);
    const watcher = await open(`/seatmap/${screening.showId}`);
    await signIn(holder.page, alice);
    const codes = await holder.probe.evaluate((probe) => probe.find('AVAILABLE', 2, 10));
    for (const code of codes) await clickSeat(holder, code);
    await clickForMutation(holder.page, '#hold-button', 'lockSeats');
    await seatsShow(watcher, codes, 'HELD');

    const paidAt = await clickForMutation(holder.page, '#holds button:not(.secondary)', 'checkout');
    await seatsShow(watcher, codes, 'BOOKED');
    expect(Date.now() - paidAt).toBeLessThan(liveWithinMs + 100);
    expect(await holder.page.getAttribute('#message', 'data-kind')).toBe('ok');
    expect([...holder.problems, ...watcher.problems]).toEqual([]);
  });

  it('unselects a chosen seat that someone else holds meanwhile, and says so by code', async () => {
    const chooser = await open(`/seatmap/${screening.showId}`);
    await signIn(chooser.page, bob);
    const [code] = await chooser.probe.evaluate((probe) => probe.find('AVAILABLE', 1, 20));
    await clickSeat(chooser, code!);
    expect(await selected(chooser)).toEqual([code]);

    const held = await hold(alice, screening.showId, [code!]);
    expect(held.errors).toBeUndefined();
    await seatsShow(chooser, [code!], 'HELD');
    expect(await selected(chooser)).toEqual([]);
    expect(await chooser.page.getAttribute('#message', 'data-code')).toBe('SEATS_UNAVAILABLE');
    expect(await chooser.page.isDisabled('#hold-button')).toBe(true);
    expect(chooser.problems).toEqual([]);
  });

  it('walks the seats with the arrow keys, chooses with Enter and Space, and zooms with + and -', async () => {
    const chooser = await open(`/seatmap/${screening.showId}`);
    await signIn(chooser.page, await t.register('Dora'));
    await chooser.page.focus('#seat-canvas');
    const first = await chooser.probe.evaluate((probe) => probe.cursor());
    expect(await chooser.page.textContent('#seat-info')).toContain(first);
    await chooser.page.keyboard.press('Enter');
    await chooser.page.keyboard.press('ArrowRight');
    const second = await chooser.probe.evaluate((probe) => probe.cursor());
    await chooser.page.keyboard.press(' ');
    expect(await selected(chooser)).toEqual([first, second]);
    const [a, b] = await chooser.probe.evaluate((probe, codes) => codes.map((c) => probe.seat(c)!), [first!, second!]);
    expect(b!.row).toBe(a!.row);
    expect(b!.x).toBeGreaterThan(a!.x);

    const size = await chooser.probe.evaluate((probe) => probe.seatPx());
    await chooser.page.keyboard.press('+');
    expect(await chooser.probe.evaluate((probe) => probe.seatPx())).toBeGreaterThan(size);
    await chooser.page.keyboard.press('-');
    expect(await chooser.probe.evaluate((probe) => probe.seatPx())).toBeCloseTo(size);
    await chooser.page.click('#clear-button');
    expect(await selected(chooser)).toEqual([]);
    expect(chooser.problems).toEqual([]);
  });

  it('loads the 10,000-seat Grand Hall from its compact seat map and layout, and repaints only what a live change touched', async () => {
    const watcher = await open(`/seatmap/${grandHall}`);
    expect(await watcher.probe.evaluate((probe) => probe.seatCount())).toBe(10_000);
    const asked = seatMapFields(watcher.requests);
    expect(asked.length).toBeGreaterThan(0);
    for (const fields of asked) {
      expect(fields).toEqual(expect.arrayContaining(['version', 'statuses', 'layout', 'prices']));
      expect(fields).not.toContain('seats');
    }
    expect(layoutRequests(watcher.requests)).toHaveLength(1);

    const before = await watcher.probe.evaluate((probe) => probe.draws());
    const codes = ['A10', 'A11'];
    const heldAt = Date.now();
    expect((await hold(bob, grandHall, codes)).errors).toBeUndefined();
    await seatsShow(watcher, codes, 'HELD');
    expect(Date.now() - heldAt).toBeLessThan(liveWithinMs + 300);
    const after = await watcher.probe.evaluate((probe) => probe.draws());
    expect(after.full).toBe(before.full);
    expect(after.partial).toBeGreaterThan(before.partial);
    expect(watcher.problems).toEqual([]);
  });

  it('reloads only the statuses when a live change is lost or the connection drops', async () => {
    const carol = await t.register('Carol');
    const link = { socket: undefined as WebSocketRoute | undefined, drop: 0 };
    // The page's socket goes through the test, which can lose messages or the connection.
    const watched = await open(`/seatmap/${grandHall}`, {
      prepare: (page) =>
        page.routeWebSocket(/\/graphql$/, (socket) => {
          link.socket = socket;
          socket.connectToServer().onMessage((message) => {
            const next = typeof message === 'string' && (JSON.parse(message) as { type?: unknown }).type === 'next';
            if (next && link.drop > 0) link.drop--;
            else socket.send(message);
          });
        }),
    });
    const [lost, gap, missed] = await watched.probe.evaluate((probe) => probe.find('AVAILABLE', 3, 30));
    const reloads = () => operationsNamed(watched.requests, 'SeatMapStatus').length;
    const loaded = reloads();

    link.drop = 1;
    expect((await hold(carol, grandHall, [lost!])).errors).toBeUndefined();
    await waitFor(async () => link.drop === 0, 5000, 10);
    expect((await hold(carol, grandHall, [gap!])).errors).toBeUndefined();
    // The lost change shows only through the reload that the gap caused.
    await seatsShow(watched, [lost!, gap!], 'HELD', 5000);
    expect(reloads()).toBeGreaterThan(loaded);
    const afterGap = reloads();

    await link.socket!.close({ code: 1012, reason: 'service restart' });
    await watched.page.waitForSelector('#app[data-live="reconnecting"]', { timeout: 1000 });
    expect((await hold(carol, grandHall, [missed!])).errors).toBeUndefined();
    await seatsShow(watched, [missed!], 'HELD', 15_000);
    await ready(watched.page);
    expect(reloads()).toBeGreaterThan(afterGap);
    expect(layoutRequests(watched.requests)).toHaveLength(1);

    const server = await t.gql<{ show: { seatMap: { version: number } } }>(
      'query ($id: ID!) { show(id: $id) { seatMap { version } } }',
      { id: grandHall },
    );
    expect(await watched.page.getAttribute('#app', 'data-version')).toBe(String(server.data!.show.seatMap.version));
    expect(watched.problems).toEqual([]);
  });

  it('picks the best free seats of a category on a click, shows them big enough to tap, and holds them', async () => {
    const buyer = await open(`/seatmap/${grandHall}`);
    await signIn(buyer.page, await t.register('Erin'));
    expect(await buyer.page.inputValue('#best-count')).toBe('2');
    await buyer.page.click('#categories button[data-category="PREMIUM"]');
    // PREMIUM is the back 20 rows: its front row CC is nearest the focal point a third back; the
    // middle aisle splits the row, so the pair left of it (49, 50) and the one right of it tie.
    expect(await selected(buyer)).toEqual(['CC49', 'CC50']);
    const canvas = (await buyer.page.locator('#seat-canvas').boundingBox())!;
    for (const code of ['CC49', 'CC50']) {
      const at = (await onPage(buyer, code))!;
      expect(at.size).toBeGreaterThanOrEqual(minTargetPx);
      expect(at.x).toBeGreaterThan(canvas.x);
      expect(at.x).toBeLessThan(canvas.x + canvas.width);
      expect(at.y).toBeGreaterThan(canvas.y);
      expect(at.y).toBeLessThan(canvas.y + canvas.height);
    }

    await buyer.page.selectOption('#best-count', '3');
    await buyer.page.click('#categories button[data-category="STANDARD"]');
    expect(await selected(buyer)).toEqual(['AI48', 'AI49', 'AI50']);
    await clickForMutation(buyer.page, '#hold-button', 'lockSeats');
    await seatsShow(buyer, ['AI48', 'AI49', 'AI50'], 'HELD');
    expect(await buyer.probe.evaluate((probe) => ['AI48', 'AI49', 'AI50'].every((c) => probe.mine(c)))).toBe(true);

    // The next pick passes over seats that are taken.
    await buyer.page.click('#categories button[data-category="STANDARD"]');
    expect(await selected(buyer)).toEqual(['AI51', 'AI52', 'AI53']);
    expect(buyer.problems).toEqual([]);
  });

  it('holds the next best seats when those of a pick are taken before the hold', async () => {
    const buyer = await open(`/seatmap/${grandHall}`);
    const gil = await t.register('Gil');
    await signIn(buyer.page, gil);
    await buyer.page.selectOption('#best-count', '2');
    await buyer.page.click('#categories button[data-category="PREMIUM"]');
    const picked = await selected(buyer);
    expect(picked).toHaveLength(2);
    const rival = await t.register('Hal');
    const taken = await t.gql(LockSeatsDocument, { input: { showId: grandHall, seatIds: [picked[0]!] } }, rival.token);
    expect(taken.errors).toBeUndefined();

    await clickForMutation(buyer.page, '#hold-button', 'lockBestSeats');
    const mine = await t.query<{ seat_id: string }>(
      'bookings',
      sql`select hs.seat_id from bookings.hold_seats hs join bookings.holds h on h.id = hs.hold_id
          where h.user_id = ${gil.userId} and h.status = 'ACTIVE' order by hs.seat_id`,
    );
    const codes = mine.map((r) => r.seat_id);
    expect(codes).toHaveLength(2);
    expect(codes).not.toContain(picked[0]);
    await seatsShow(buyer, codes, 'HELD');
    expect(await buyer.probe.evaluate((probe, codes) => codes.every((c) => probe.mine(c)), codes)).toBe(true);
    // lockSeats may have been refused first (409, SEATS_UNAVAILABLE): that is the case this covers.
    expect(buyer.problems.filter((p) => !/^HTTP 409: .*\/graphql$/.test(p))).toEqual([]);
  });

  it('on a phone, zooms in on a tap at seats smaller than a fingertip and chooses one only once it is 24 px', async () => {
    const phone = await open(`/seatmap/${grandHall}`, { device: 'phone' });
    await signIn(phone.page, await t.register('Finn'));
    await phone.page.locator('#seat-canvas').scrollIntoViewIfNeeded();
    const code = 'AT40';
    const small = (await onPage(phone, code))!;
    expect(small.size).toBeLessThan(minTargetPx);
    await phone.page.touchscreen.tap(small.x, small.y);
    expect(await selected(phone)).toEqual([]);

    const big = (await onPage(phone, code))!;
    expect(big.size).toBeGreaterThanOrEqual(minTargetPx);
    await phone.page.touchscreen.tap(big.x, big.y);
    expect(await selected(phone)).toEqual([code]);
    expect(phone.problems).toEqual([]);
  });

  it("draws a trip's coaches for the chosen legs and follows holds on overlapping legs only", async () => {
    const trip = await findTrip(t);
    const first = await open(`/seatmap/${trip.showId}?from=0&to=1`);
    const second = await open(`/seatmap/${trip.showId}?from=1&to=2`);
    expect(await first.page.inputValue('#from-stop')).toBe('0');
    expect(await first.page.inputValue('#to-stop')).toBe('1');
    expect(await first.probe.evaluate((probe) => probe.seatCount())).toBe(trip.seatCodes.length);

    const code = trip.seatCodes[3]!;
    const input = { showId: trip.showId, seatIds: [code], fromStop: 0, toStop: 1 };
    const held = await t.gql(LockSeatsDocument, { input }, alice.token);
    expect(held.errors).toBeUndefined();
    await seatsShow(first, [code], 'HELD');
    const version = (await t.gql(ShowDocument, { id: trip.showId })).data!.show!.seatMap.version;
    await expect.poll(() => second.page.getAttribute('#app', 'data-version')).toBe(String(version));
    expect(await second.probe.evaluate((probe, code) => probe.status(code), code)).toBe('AVAILABLE');
    expect([...first.problems, ...second.problems]).toEqual([]);
  });
});
