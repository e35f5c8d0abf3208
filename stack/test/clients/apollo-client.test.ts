import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// Apollo Client checks its cache writes (and warns of data loss) only in its
// development build; Node's export conditions select neither build, so this
// turns development on, as a bundler's dev server would.
vi.hoisted(() => Object.assign(globalThis, { __DEV__: true }));
import { randomUUID } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { ClientSeatMapChangedSubscription } from '../generated/graphql.js';
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
  recordConsole,
  seatMapsReady,
  seatsWithCodes,
  statusesOf,
  type ConsoleRecord,
} from './session.js';

type Change = ClientSeatMapChangedSubscription['seatMapChanged'];

loadDevMessages();
loadErrorMessages();

// One user's session in an app built on Apollo Client's defaults: a normalising
// InMemoryCache, HTTP for queries and mutations, graphql-ws for the live seat map.
describe.each(modes)('an Apollo Client app with default cache settings (%s)', (mode) => {
  let t: TestStack;
  let logged: ConsoleRecord;
  let ws: WsClient;
  let client: ApolloClient;
  let token: string | undefined;
  /** The signed-in user's credentials, the same for HTTP headers and graphql-ws connection_init. */
  const auth = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  let showA: string;
  let showB: string;
  let holdId: string;
  const changes: Change[] = [];
  let live: { unsubscribe(): void } | undefined;

  const seatMap = async (id: string, fetchPolicy: 'cache-first' | 'cache-only' | 'network-only') => {
    const { data } = await client.query({ query: ClientSeatMapDocument, variables: { id }, fetchPolicy });
    if (!data?.show) throw new Error(`no seat map of ${id} (${fetchPolicy})`);
    return data.show.seatMap;
  };

  beforeAll(async () => {
    t = await startTestStack(mode, { seed: true });
    await seatMapsReady(t);
    logged = recordConsole();
    ws = createClient({
      url: wsUrl(t.baseUrl),
      webSocketImpl: WebSocket,
      connectionParams: auth,
    });
    const authLink = new SetContextLink((context) => ({
      headers: { ...(context.headers as Record<string, string> | undefined), ...auth() },
    }));
    client = new ApolloClient({
      cache: new InMemoryCache(),
      link: ApolloLink.split(
        (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
        new GraphQLWsLink(ws),
        authLink.concat(new HttpLink({ uri: t.url })),
      ),
    });
  });
  afterAll(async () => {
    live?.unsubscribe();
    client?.stop();
    await ws?.dispose();
    logged?.restore();
    await t?.dispose();
  });

  it('signs up and browses two screenings of the small screen with the same seat codes', async () => {
    const { data } = await client.mutate({
      mutation: ClientRegisterDocument,
      variables: {
        input: { email: `apollo-${randomUUID()}@test.local`, password: 'correct horse battery', name: 'Ada' },
      },
    });
    token = data?.register.accessToken;
    expect(token).toBeTruthy();
    const browse = await client.query({ query: ClientBrowseDocument });
    [showA, showB] = pickScreenings(browse.data!);
    const [a, b] = [await seatMap(showA, 'cache-first'), await seatMap(showB, 'cache-first')];
    expect(b.seats.map((s) => s.code)).toEqual(a.seats.map((s) => s.code));
    expect(b.seats.map((s) => s.id)).not.toEqual(a.seats.map((s) => s.id));
    expect(statusesOf(a, bookedCodes)).toEqual({ I11: 'AVAILABLE', I12: 'AVAILABLE' });
  });

  it('sees its hold on the seat map it watches, live', async () => {
    const watchers = await gatewayMetric(t.baseUrl, 'seats_live_watchers');
    live = client.subscribe({ query: ClientSeatMapChangedDocument, variables: { showId: showA } }).subscribe({
      next: ({ data }) => data && changes.push(data.seatMapChanged),
    });
    await waitFor(async () => (await gatewayMetric(t.baseUrl, 'seats_live_watchers')) > watchers, 10_000, 20);
    const seatIds = seatsWithCodes(await seatMap(showA, 'cache-only'), bookedCodes).map((s) => s.id);
    const { data } = await client.mutate({
      mutation: ClientHoldSeatsDocument,
      variables: { input: { showId: showA, seatIds } },
    });
    holdId = data!.lockSeats.id;
    expect(data!.lockSeats.seats.map((s) => s.id)).toEqual(seatIds);
    const held = await waitFor(async () => changes.find((c) => c.change === 'HELD'));
    expect(held.show.id).toBe(showA);
    expect(held.seats.map((s) => [s.id, s.status])).toEqual(seatIds.map((id) => [id, 'HELD']));
    expect(statusesOf(await seatMap(showA, 'cache-only'), bookedCodes)).toEqual({ I11: 'HELD', I12: 'HELD' });
  });

  it('books the held seats with tok_visa and hears that they are booked', async () => {
    const { data } = await client.mutate({
      mutation: ClientCheckoutDocument,
      variables: { input: { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
    });
    expect(data!.checkout.status).toBe('CONFIRMED');
    expect(data!.checkout.seats.map((s) => s.code)).toEqual(bookedCodes);
    const booked = await waitFor(async () => changes.find((c) => c.change === 'BOOKED'));
    expect(booked.seats.map((s) => s.status)).toEqual(['BOOKED', 'BOOKED']);
  });

  it("shows show A's booked seats after browsing show B", async () => {
    const b = await seatMap(showB, 'network-only');
    expect(statusesOf(b, bookedCodes)).toEqual({ I11: 'AVAILABLE', I12: 'AVAILABLE' });
    const cached = await seatMap(showA, 'cache-only');
    expect(statusesOf(cached, bookedCodes)).toEqual({ I11: 'BOOKED', I12: 'BOOKED' });
    const fresh = await seatMap(showA, 'network-only');
    expect(fresh.seats).toEqual(cached.seats);
    expect(statusesOf(await seatMap(showB, 'cache-only'), bookedCodes)).toEqual({ I11: 'AVAILABLE', I12: 'AVAILABLE' });
  });

  it("keeps each show's seats as their own cache objects", async () => {
    const [a, b] = [await seatMap(showA, 'cache-only'), await seatMap(showB, 'cache-only')];
    const ids = new Set([...a.seats, ...b.seats].map((s) => client.cache.identify(s)));
    expect(ids.size).toBe(a.seats.length + b.seats.length);
  });

  it('logs no warning or error during the session (no cache data loss)', () => {
    expect(logged.lines).toEqual([]);
  });
});
