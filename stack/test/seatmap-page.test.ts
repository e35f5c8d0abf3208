import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { findScreening, findTrip } from './support/builders.js';
import { browserAvailable, launchBrowser, openPage, type WatchedPage } from './support/browser.js';
import { LockSeatsDocument, ShowDocument } from './support/documents.js';

/** How soon a change made on one page must show on another. */
const liveWithinMs = 1000;

/** Waits until the page has drawn its map and its live subscription is up. */
async function ready(page: Page): Promise<void> {
  await page.waitForSelector('#app[data-state="ready"][data-live="connected"]', { timeout: 15_000 });
}

const statusOf = (page: Page, seatId: string) =>
  page.getAttribute(`.seat[data-seat-id="${seatId}"]`, 'data-status', { timeout: 1000 });

/** Resolves once every seat shows `status`; rejects after `timeout` ms. */
function seatsShow(page: Page, seatIds: string[], status: string, timeout = liveWithinMs): Promise<unknown> {
  return page.waitForFunction(
    ([ids, wanted]) =>
      ids.every((id) => document.querySelector(`.seat[data-seat-id="${id}"]`)?.getAttribute('data-status') === wanted),
    [seatIds, status] as const,
    { timeout, polling: 'raf' },
  );
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

/** Available seats as the page draws them, skipping the first `skip`. */
async function availableSeats(page: Page, count: number, skip = 0): Promise<string[]> {
  const ids = await page.$$eval('.seat[data-status="AVAILABLE"]', (els) =>
    els.map((el) => el.getAttribute('data-seat-id') ?? ''),
  );
  return ids.slice(skip, skip + count);
}

describe.skipIf(!browserAvailable).each(modes)('the live seat-map page (%s)', (mode) => {
  let t: TestStack;
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;
  let screening: Awaited<ReturnType<typeof findScreening>>;
  const pages: WatchedPage[] = [];

  const open = async (path: string, prepare?: (page: Page) => Promise<void>) => {
    const watched = await openPage(browser, `${t.baseUrl}${path}`, prepare);
    pages.push(watched);
    await ready(watched.page);
    return watched;
  };

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    [alice, bob] = await Promise.all([t.register('Alice'), t.register('Bob')]);
    screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
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

    for (const path of ['/seatmap/not-a-show', '/seatmap/assets/nothing.js', '/seatmap/assets/..%2Findex.html']) {
      expect((await fetch(`${t.baseUrl}${path}`)).status).toBe(404);
    }
  });

  it('shows seats held on one page as held on another within a second, and their release too', async () => {
    const holder = await open(`/seatmap/${screening.showId}`);
    const watcher = await open(`/seatmap/${screening.showId}`);
    expect(await watcher.page.locator('.seat').count()).toBe(screening.seatIds.length);

    await signIn(holder.page, alice);
    const seatIds = await availableSeats(holder.page, 2, 4);
    for (const id of seatIds) await holder.page.click(`.seat[data-seat-id="${id}"]`);
    expect(await holder.page.locator('.seat[data-selected="true"]').count()).toBe(2);

    const heldAt = await clickForMutation(holder.page, '#hold-button', 'lockSeats');
    await seatsShow(watcher.page, seatIds, 'HELD');
    expect(Date.now() - heldAt).toBeLessThan(liveWithinMs + 100);
    expect(await holder.page.locator('.seat[data-mine="true"]').count()).toBe(2);
    await expect.poll(() => holder.page.locator('#holds [data-hold-id]').count()).toBe(1);

    const releasedAt = await clickForMutation(holder.page, '#holds button.secondary', 'releaseSeats');
    await seatsShow(watcher.page, seatIds, 'AVAILABLE');
    expect(Date.now() - releasedAt).toBeLessThan(liveWithinMs + 100);
    await seatsShow(holder.page, seatIds, 'AVAILABLE');

    const server = (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap.version;
    await expect.poll(() => watcher.page.getAttribute('#app', 'data-version')).toBe(String(server));
    await expect.poll(() => holder.page.getAttribute('#app', 'data-version')).toBe(String(server));
    expect([...holder.problems, ...watcher.problems]).toEqual([]);
  });

  it('shows a paid hold as booked on another page', async () => {
    const holder = await open(`/seatmap/${screening.showId}`);
    const watcher = await open(`/seatmap/${screening.showId}`);
    await signIn(holder.page, alice);
    const seatIds = await availableSeats(holder.page, 2, 10);
    for (const id of seatIds) await holder.page.click(`.seat[data-seat-id="${id}"]`);
    await clickForMutation(holder.page, '#hold-button', 'lockSeats');
    await seatsShow(watcher.page, seatIds, 'HELD');

    const paidAt = await clickForMutation(holder.page, '#holds button:not(.secondary)', 'checkout');
    await seatsShow(watcher.page, seatIds, 'BOOKED');
    expect(Date.now() - paidAt).toBeLessThan(liveWithinMs + 100);
    expect(await holder.page.getAttribute('#message', 'data-kind')).toBe('ok');
    expect([...holder.problems, ...watcher.problems]).toEqual([]);
  });

  it('unselects a chosen seat that someone else holds meanwhile, and says so by code', async () => {
    const chooser = await open(`/seatmap/${screening.showId}`);
    await signIn(chooser.page, bob);
    const [seatId] = await availableSeats(chooser.page, 1, 20);
    await chooser.page.click(`.seat[data-seat-id="${seatId}"]`);
    await chooser.page.waitForSelector(`.seat[data-seat-id="${seatId}"][data-selected="true"]`);

    const held = await t.gql(
      LockSeatsDocument,
      { input: { showId: screening.showId, seatIds: [seatId!] } },
      alice.token,
    );
    expect(held.errors).toBeUndefined();
    await seatsShow(chooser.page, [seatId!], 'HELD');
    expect(await chooser.page.getAttribute(`.seat[data-seat-id="${seatId}"]`, 'data-selected')).toBe('false');
    expect(await chooser.page.getAttribute('#message', 'data-code')).toBe('SEATS_UNAVAILABLE');
    expect(await chooser.page.isDisabled('#hold-button')).toBe(true);
    expect(chooser.problems).toEqual([]);
  });

  it('reloads the map when a live change is lost or the connection drops', async () => {
    const carol = await t.register('Carol');
    const link = { socket: undefined as WebSocketRoute | undefined, drop: 0 };
    // The page's socket goes through the test, which can lose messages or the connection.
    const watched = await open(`/seatmap/${screening.showId}`, (page) =>
      page.routeWebSocket(/\/graphql$/, (socket) => {
        link.socket = socket;
        socket.connectToServer().onMessage((message) => {
          const next = typeof message === 'string' && (JSON.parse(message) as { type?: unknown }).type === 'next';
          if (next && link.drop > 0) link.drop--;
          else socket.send(message);
        });
      }),
    );
    const [lost, gap, missed] = await availableSeats(watched.page, 3, 30);
    const hold = (seatId: string) =>
      t.gql(LockSeatsDocument, { input: { showId: screening.showId, seatIds: [seatId] } }, carol.token);

    link.drop = 1;
    expect((await hold(lost!)).errors).toBeUndefined();
    await waitFor(async () => link.drop === 0, 5000, 10);
    expect((await hold(gap!)).errors).toBeUndefined();
    await seatsShow(watched.page, [lost!, gap!], 'HELD', 5000);

    await link.socket!.close({ code: 1012, reason: 'service restart' });
    await watched.page.waitForSelector('#app[data-live="reconnecting"]', { timeout: 1000 });
    expect((await hold(missed!)).errors).toBeUndefined();
    await seatsShow(watched.page, [missed!], 'HELD', 15_000);
    await ready(watched.page);

    const server = (await t.gql(ShowDocument, { id: screening.showId })).data!.show!.seatMap.version;
    expect(await watched.page.getAttribute('#app', 'data-version')).toBe(String(server));
    expect(watched.problems).toEqual([]);
  });

  it("draws a trip's coaches for the chosen legs and follows holds on overlapping legs only", async () => {
    const trip = await findTrip(t);
    const first = await open(`/seatmap/${trip.showId}?from=0&to=1`);
    const second = await open(`/seatmap/${trip.showId}?from=1&to=2`);
    expect(await first.page.inputValue('#from-stop')).toBe('0');
    expect(await first.page.inputValue('#to-stop')).toBe('1');
    expect(await first.page.locator('.seat').count()).toBe(trip.seatIds.length);

    // A trip seat's id names the legs its status is for: the same seat has one id per page.
    const seatOn = async (fromStop: number, toStop: number) =>
      (await t.gql(ShowDocument, { id: trip.showId, fromStop, toStop })).data!.show!.seatMap.seats[3]!.id;
    const [onFirst, onSecond] = [await seatOn(0, 1), await seatOn(1, 2)];
    const input = { showId: trip.showId, seatIds: [onFirst], fromStop: 0, toStop: 1 };
    const held = await t.gql(LockSeatsDocument, { input }, alice.token);
    expect(held.errors).toBeUndefined();
    await seatsShow(first.page, [onFirst], 'HELD');
    const version = (await t.gql(ShowDocument, { id: trip.showId })).data!.show!.seatMap.version;
    await expect.poll(() => second.page.getAttribute('#app', 'data-version')).toBe(String(version));
    expect(await statusOf(second.page, onSecond)).toBe('AVAILABLE');
    expect([...first.problems, ...second.problems]).toEqual([]);
  });
});
