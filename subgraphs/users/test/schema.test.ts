import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { Identity } from '@seats/platform';
import { usersSubgraph } from '../src/index.js';
import { resolvers } from '../src/resolvers/index.js';
import { newUser, UsersFixture } from './support/fixture.js';

// @apollo/subgraph is CommonJS and builds its schema with graphql's CommonJS build, while
// vitest hands ESM imports the .mjs build: execute with the build the schema was made with.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** The subgraph's schema executed in-process, as the gateway would call it. */
describe('users subgraph schema', () => {
  let users: UsersFixture;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    users = await UsersFixture.start('pglite');
    schema = buildSubgraphSchema([
      { typeDefs: usersSubgraph.typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> },
    ]);
  });
  afterAll(() => users?.dispose());

  const run = (source: string, variableValues: Record<string, unknown> = {}, identity: Identity | null = null) =>
    graphql({ schema, source, variableValues, contextValue: { identity, ...users.services } });

  const register = `mutation ($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id email name role createdAt } }
  }`;

  it('registers and returns the account with an ISO createdAt', async () => {
    const input = newUser();
    const result = await run(register, { input });
    expect(result.errors).toBeUndefined();
    const user = (result.data?.register as { user: Record<string, string> }).user;
    expect(user).toMatchObject({ email: input.email, name: input.name, role: 'USER' });
    expect(new Date(user.createdAt!).toISOString()).toBe(user.createdAt);
  });

  it('reports a bad field with BAD_USER_INPUT and its path', async () => {
    const result = await run(register, { input: newUser({ password: 'short' }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
  });

  it('answers me with null when anonymous and with the account when signed in', async () => {
    const user = await users.services.accounts.register(newUser());
    const anonymous = await run('{ me { id } }');
    expect(anonymous.data).toEqual({ me: null });
    const signedIn = await run('{ me { id email } }', {}, { userId: user.id, role: 'USER' });
    expect(signedIn.data).toEqual({ me: { id: user.id, email: user.email } });
  });

  it('resolves User references by id, with null for unknown and malformed ids', async () => {
    const user = await users.services.accounts.register(newUser());
    const result = await run(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name } } }`,
      {
        representations: [
          { __typename: 'User', id: user.id },
          { __typename: 'User', id: '00000000-0000-4000-8000-000000000000' },
          { __typename: 'User', id: 'nope' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: user.id, name: user.name }, null, null] });
  });

  it('refreshes, refuses the used token, and logs out', async () => {
    const first = await run(register, { input: newUser() });
    const token = (first.data?.register as { refreshToken: string }).refreshToken;
    const refresh = `mutation ($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }`;
    const second = await run(refresh, { t: token });
    const next = (second.data?.refreshSession as { refreshToken: string }).refreshToken;
    expect(next).not.toBe(token);
    const reused = await run(refresh, { t: token });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const logout = await run(`mutation ($t: String!) { logout(refreshToken: $t) }`, { t: next });
    expect(logout.data).toEqual({ logout: false });
  });
});
