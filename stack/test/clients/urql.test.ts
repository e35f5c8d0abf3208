import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Client, cacheExchange, fetchExchange, subscriptionExchange, type OperationResult } from '@urql/core';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { ClientSeatMapChangedSubscription, ClientSeatMapQuery } from '../generated/graphql.js';
import { modes, startTestStack, waitFor, type TestStack } from '../support/harness.js';
import { gatewayMetric, wsUrl } from '../support/live.js';
import {
  bookedCodes,
  ClientBrowseDocument,
  ClientCheckoutDocument,
  ClientHoldSeatsDocument,
  ClientRegisterDocument,
  ClientSeatMapChangedDocument,
  ClientSeatMapDocument,
  pickScreenings,
  seatMapsReady,
  seatsWithCodes,
  statusesOf,
} from './session.js';

type Change = ClientSeatMapChangedSubscription['seatMapChanged'];
type Map = NonNullable<ClientSeatMapQuery['show']>['seatMap'];

/** The data of a result, or its CombinedError (network status, GraphQL errors) thrown. */
function dataOf<T>(result: OperationResult<T>): T {
  if (result.error || !result.data) throw result.error ?? new Error('no data');
  return result.data;
}

// One user's session in an app built on urql's defaults: the document cache
// (results invalidated by __typename after mutations), fetch with queries as
// GET within the URL limit, and graphql-ws for the live seat map.
describe.each(modes)('an urql app with default exchanges (%s)', (mode) => {
  let t: TestStack;
  let ws: WsClient;
  let client: Client;
  let token: string | undefined;
  /** The signed-in user's credentials, the same for HTTP headers and graphql-ws connection_init. */
  const auth = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  let showA: string;
  let showB: string;
  let holdId: string;
  /** What show A's page shows: the latest result of its query, kept open as a mounted page keeps it. */
  let pageA: OperationResult<ClientSeatMapQuery> | undefined;
  const changes: Change[] = [];
  const open: Array<{ unsubscribe(): void }> = [];
  /** Watches (and passes on) the client's requests, to see which HTTP method its defaults pick. */
  let requests: MockInstance<typeof fetch>;

  const seatMap = async (id: string, requestPolicy: 'cache-first' | 'network-only' = 'cache-first') =>
    dataOf(await client.query(ClientSeatMapDocument, { id }, { requestPolicy }).toPromise()).show!.seatMap;
  const pageShows = (statuses: Record<string, string>) =>
    waitFor(async () => {
      const map: Map | undefined = pageA?.data?.show?.seatMap;
      return map && JSON.stringify(statusesOf(map, bookedCodes)) === JSON.stringify(statuses) && map;
    });

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    await seatMapsReady(t);
    requests = vi.spyOn(globalThis, 'fetch');
    ws = createClient({
      url: wsUrl(t.baseUrl),
      webSocketImpl: WebSocket,
      connectionParams: auth,
    });
    client = new Client({
      url: t.url,
      exchanges: [
        cacheExchange,
        fetchExchange,
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
          }),
        }),
      ],
      fetchOptions: () => ({ headers: auth() }),
    });
  });
  afterAll(async () => {
    open.forEach((o) => o.unsubscribe());
    requests?.mockRestore();
    await ws?.dispose();
    await t?.dispose();
  });

  it('signs up and browses two screenings of the small screen with the same seat codes', async () => {
    const input = { email: `urql-${randomUUID()}@test.local`, password: 'correct horse battery', name: 'Ada' };
    token = dataOf(await client.mutation(ClientRegisterDocument, { input }).toPromise()).register.accessToken;
    [showA, showB] = pickScreenings(dataOf(await client.query(ClientBrowseDocument, {}).toPromise()));
    open.push(client.query(ClientSeatMapDocument, { id: showA }).subscribe((result) => (pageA = result)));
    const a = await pageShows({ I11: 'AVAILABLE', I12: 'AVAILABLE' });
    const b = await seatMap(showB);
    expect(b.seats.map((s) => s.code)).toEqual(a.seats.map((s) => s.code));
    expect(b.seats.map((s) => s.id)).not.toEqual(a.seats.map((s) => s.id));
  });

  it('sees its hold on the seat map it watches, live and on the page', async () => {
    const watchers = await gatewayMetric(t.baseUrl, 'seats_live_watchers');
    open.push(
      client
        .subscription(ClientSeatMapChangedDocument, { showId: showA })
        .subscribe((result) => result.data && changes.push(result.data.seatMapChanged)),
    );
    await waitFor(async () => (await gatewayMetric(t.baseUrl, 'seats_live_watchers')) > watchers, 10_000, 20);
    const seatIds = seatsWithCodes(pageA!.data!.show!.seatMap, bookedCodes).map((s) => s.id);
    const held = dataOf(
      await client.mutation(ClientHoldSeatsDocument, { input: { showId: showA, seatIds } }).toPromise(),
    );
    holdId = held.lockSeats.id;
    expect(held.lockSeats.seats.map((s) => s.id)).toEqual(seatIds);
    const change = await waitFor(async () => changes.find((c) => c.change === 'HELD'));
    expect(change.show.id).toBe(showA);
    expect(change.seats.map((s) => [s.id, s.status])).toEqual(seatIds.map((id) => [id, 'HELD']));
    await pageShows({ I11: 'HELD', I12: 'HELD' });
  });

  it('books the held seats with tok_visa and hears that they are booked', async () => {
    const input = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
    const booking = dataOf(await client.mutation(ClientCheckoutDocument, { input }).toPromise()).checkout;
    expect(booking.status).toBe('CONFIRMED');
    expect(booking.seats.map((s) => s.code)).toEqual(bookedCodes);
    const change = await waitFor(async () => changes.find((c) => c.change === 'BOOKED'));
    expect(change.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED']);
    await pageShows({ I11: 'BOOKED', I12: 'BOOKED' });
  });

  it("shows show A's booked seats after browsing show B", async () => {
    expect(statusesOf(await seatMap(showB), bookedCodes)).toEqual({ I11: 'AVAILABLE', I12: 'AVAILABLE' });
    const cached = await seatMap(showA);
    expect(statusesOf(cached, bookedCodes)).toEqual({ I11: 'BOOKED', I12: 'BOOKED' });
    expect((await seatMap(showA, 'network-only')).seats).toEqual(cached.seats);
    expect(statusesOf(pageA!.data!.show!.seatMap, bookedCodes)).toEqual({ I11: 'BOOKED', I12: 'BOOKED' });
  });

  it('sent its queries as GET and its mutations as POST, its defaults', () => {
    const methods = requests.mock.calls
      .map(
        ([input, init]) =>
          [typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init] as const,
      )
      .filter(([url]) => url.startsWith(t.url))
      .map(([url, init]) => [new URL(url).searchParams.get('operationName') ?? 'POST', init?.method]);
    expect(methods).toContainEqual(['ClientSeatMap', 'GET']);
    expect(methods).toContainEqual(['ClientBrowse', 'GET']);
    expect(methods).toContainEqual(['POST', 'POST']);
  });
});
