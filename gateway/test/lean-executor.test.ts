import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GatewayTokenSigner, loadKeyRing, subgraphNames, type SubgraphName } from '@seats/platform';
import { startTestStack, waitFor, type TestStack } from '../../stack/test/support/harness.js';
import { findScreening, findTrip } from '../../stack/test/support/builders.js';
import { gatewayMetric } from '../../stack/test/support/live.js';
import type { GatewayContext } from '../src/context.js';
import { SignedDataSource } from '../src/data-source.js';
import { loadSupergraph } from '../src/supergraph.js';

/** What a client sees of errors: codes and paths (messages and extensions may be worded differently). */
const errorsOf = (
  errors: ReadonlyArray<{ path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }> | undefined,
) =>
  (errors ?? [])
    .map((e) => ({ code: e.extensions?.code, path: e.path }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const fastExecutions = (t: TestStack) => gatewayMetric(t.baseUrl, 'seats_gateway_executions{executor="fast"}');

// The gateway's own executor must answer exactly as @apollo/gateway's does.
describe('the gateway fast path against @apollo/gateway (embedded)', () => {
  let t: TestStack;
  let apollo: ApolloServer<GatewayContext>;
  let ids: { screening: string; trip: string; movie: string; from: string; to: string; date: string };

  beforeAll(async () => {
    t = await startTestStack('embedded', { seed: true });
    const { config } = t.stack;
    const signer = new GatewayTokenSigner(await loadKeyRing('gateway', config.gatewayTokenKeys, config.keysDir));
    const urls = Object.fromEntries(subgraphNames.map((n) => [n, t.stack.subgraphs[n]?.url ?? ''])) as Record<
      SubgraphName,
      string
    >;
    apollo = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: loadSupergraph(),
        buildService: ({ name }) => new SignedDataSource(urls[name as SubgraphName], name, signer),
      }),
    });
    await apollo.start();
    const screening = await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
    const trip = await findTrip(t);
    const detail = await t.gql<{
      show: { startsAt: string; movie: { id: string } };
      trip: { startsAt: string; stops: Array<{ station: { id: string } }> };
    }>(
      `query($id: ID!) { show(id: $id) { startsAt movie { id } } trip: show(id: "${trip.showId}") { startsAt stops { station { id } } } }`,
      { id: screening.showId },
    );
    const { show, trip: tripDetail } = detail.data!;
    ids = {
      screening: screening.showId,
      trip: trip.showId,
      movie: show.movie.id,
      from: tripDetail.stops[0]!.station.id,
      to: tripDetail.stops.at(-1)!.station.id,
      date: tripDetail.startsAt.slice(0, 10),
    };
  });
  afterAll(async () => {
    await apollo?.stop();
    await t?.dispose();
  });

  const documents: Array<[string, string, (i: typeof ids) => Record<string, unknown>]> = [
    [
      'nested federated lists with aliases',
      `{ movies(first: 3) { edges { cursor node { id t: title genres shows { id startsAt screen { name venue { name city } } seatsFree } } } pageInfo { hasNextPage endCursor } } }`,
      () => ({}),
    ],
    [
      'fragments, __typename and the same field twice',
      `query($id: ID!) { a: show(id: $id) { __typename ...F kind } b: show(id: $id) { id movie { title } } }
       fragment F on Show { id startsAt movie { __typename title t2: title shows { id } } prices { category amount } }`,
      (i) => ({ id: i.screening }),
    ],
    [
      '@skip and @include with variables and defaults',
      `query($id: ID!, $yes: Boolean!, $no: Boolean = false) {
         show(id: $id) { id startsAt @include(if: $yes) kind @skip(if: $yes) seatMap @include(if: $no) { version }
           movie @include(if: $yes) { title } } }`,
      (i) => ({ id: i.screening, yes: true }),
    ],
    [
      'an unknown id',
      `{ show(id: "00000000-0000-4000-8000-000000000000") { id } movie(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      () => ({}),
    ],
    ['a field the anonymous caller may not read', `{ me { id email } }`, () => ({})],
    [
      'trip search across subgraphs with legs',
      `query($from: ID!, $to: ID!, $date: String!) { trips(from: $from, to: $to, date: $date) {
         showId fromStop toStop seatsFree departsAt arrivesAt prices { category amount currency }
         show { id train { number name coaches { __typename } } stops { index station { name } departsAt } } } }`,
      (i) => ({ from: i.from, to: i.to, date: i.date }),
    ],
    [
      'a trip seat map for some legs',
      `query($id: ID!) { show(id: $id) { kind seatMap(fromStop: 0, toStop: 1) { version fromStop toStop seats { id status price { amount } } } } }`,
      (i) => ({ id: i.trip }),
    ],
    [
      'aliases named like built-in properties',
      `query($id: ID!) { constructor: __typename valueOf: show(id: $id) { toString: id hasOwnProperty: kind } }`,
      (i) => ({ id: i.screening }),
    ],
    [
      'the same nulled field selected twice through a fragment',
      `query($id: ID!) { show(id: $id) { id seatMap(fromStop: 1) { version } } ...Again }
       fragment Again on Query { show(id: $id) { kind } }`,
      (i) => ({ id: i.screening }),
    ],
    [
      'an error in one subgraph beside data from others',
      `query($id: ID!) { show(id: $id) { id seatMap(fromStop: 1) { version } movie { title } } }`,
      (i) => ({ id: i.screening }),
    ],
  ];

  it.each(documents)('answers %s as @apollo/gateway does', async (_name, query, variables) => {
    const vars = variables(ids);
    const fastBefore = await fastExecutions(t);
    const ours = await t.gql(query, vars);
    expect(await fastExecutions(t), 'run by the fast path').toBe(fastBefore + 1);
    const theirs = await apollo.executeOperation(
      { query, variables: vars },
      { contextValue: { identity: null, clientAddress: '127.0.0.1' } },
    );
    if (theirs.body.kind !== 'single') throw new Error('expected a single result');
    const expected = theirs.body.singleResult;
    expect(JSON.stringify(ours.data)).toBe(JSON.stringify(expected.data));
    expect(errorsOf(ours.errors)).toEqual(errorsOf(expected.errors));
  });
});
