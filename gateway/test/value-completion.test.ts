import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { LeanGateway } from '../src/execution/lean-gateway.js';
import { SupergraphPlanning } from '../src/execution/planning.js';

// A subgraph that answers what a careless or older subgraph can answer: enum
// values the API hides (@inaccessible), scalars of the wrong kind, and errors
// without a code. Both gateways must give the client the same response.
const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])

  enum Kind {
    OPEN
    SECRET @inaccessible
  }

  type Item @key(fields: "id") {
    id: ID!
    kind: Kind
    strictKind: Kind!
    count: Int
    ratio: Float
    label: String
    flag: Boolean
    kinds: [Kind!]
  }

  type Query {
    items: [Item!]!
    item: Item
    uncoded: String
    coded: String
  }
`);

const item = (id: string, kind: string) => ({
  id,
  kind,
  strictKind: kind,
  count: id === 'i1' ? 3 : 2.5,
  ratio: id === 'i1' ? 0.5 : 'half',
  label: id === 'i1' ? 'one' : 12,
  flag: id === 'i1' ? true : 'yes',
  kinds: id === 'i1' ? ['OPEN'] : ['OPEN', kind],
});

const resolvers = {
  Query: {
    items: () => [item('i1', 'OPEN'), item('i2', 'SECRET')],
    item: () => item('i2', 'SECRET'),
    uncoded: () => {
      throw new Error('uncoded failure');
    },
    coded: () => {
      throw new Error('coded failure');
    },
  },
};

describe('leaf values and subgraph errors, fast path against @apollo/gateway', () => {
  let subgraph: ApolloServer;
  let ours: ApolloServer;
  let theirs: ApolloServer;
  let lean: LeanGateway;

  beforeAll(async () => {
    subgraph = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs, resolvers }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
      // Some subgraph servers send errors without any code.
      formatError: (formatted) =>
        formatted.message.startsWith('uncoded')
          ? { message: formatted.message, path: formatted.path }
          : { ...formatted, extensions: { code: 'TEAPOT' } },
    });
    const { url } = await startStandaloneServer(subgraph, { listen: { port: 0, host: '127.0.0.1' } });
    const composed = composeServices([{ name: 'a', typeDefs, url }]);
    if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
    const supergraphSdl = composed.supergraphSdl;
    const services = { a: new RemoteGraphQLDataSource({ url }) };
    theirs = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
    lean = new LeanGateway(
      new ApolloGateway({ supergraphSdl, buildService: () => services.a }),
      new SupergraphPlanning(supergraphSdl),
      services,
      false,
    );
    ours = new ApolloServer({ gateway: lean });
    await Promise.all([theirs.start(), ours.start()]);
  });
  afterAll(async () => {
    await Promise.all([ours?.stop(), theirs?.stop()]);
    await subgraph?.stop();
  });

  const single = (response: GraphQLResponse) => {
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  it.each([
    ['an @inaccessible enum value in a nullable field', '{ items { id kind } }'],
    ['an @inaccessible enum value in a non-null field', '{ items { id strictKind } }'],
    ['an @inaccessible enum value in a non-null list element', '{ item { id kinds } }'],
    ['scalars the subgraph could not serialise', '{ items { id count ratio label flag } }'],
    ['an invalid value beside a valid one under the same parent', '{ item { id kind label count } }'],
    ['a subgraph error without a code', '{ uncoded }'],
    ['a subgraph error with its own code', '{ coded }'],
  ])('answers %s as @apollo/gateway does', async (_name, query) => {
    const before = lean.executions.fast;
    const [mine, expected] = await Promise.all([
      ours.executeOperation({ query }).then(single),
      theirs.executeOperation({ query }).then(single),
    ]);
    expect(lean.executions.fast, 'run by the fast path').toBe(before + 1);
    expect(mine.data).toEqual(expected.data);
    expect(mine.errors).toEqual(expected.errors);
    expect(mine.extensions).toEqual(expected.extensions);
  });

  it('never gives a client an enum value the API schema hides', async () => {
    const result = single(await ours.executeOperation({ query: '{ items { kind } }' }));
    expect(result.data).toEqual({ items: [{ kind: 'OPEN' }, { kind: null }] });
    const completion = result.extensions?.valueCompletion as Array<{ path: unknown[] }>;
    expect(completion.map((e) => e.path)).toEqual([['items', 1, 'kind']]);
  });

  it('codes a subgraph error that came without one DOWNSTREAM_SERVICE_ERROR', async () => {
    const result = single(await ours.executeOperation({ query: '{ uncoded }' }));
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['DOWNSTREAM_SERVICE_ERROR']);
    expect(result.errors?.[0]?.extensions?.serviceName).toBe('a');
  });
});
