import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { document, firstError, modes } from '@seats/testkit';
import { newUser, UsersFixture } from './support/users.js';

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; role: string; createdAt: string };
}

const register = document<{ register: Session }, { input: ReturnType<typeof newUser> }>(
  `mutation ($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id email name role createdAt } }
  }`,
);
const me = document<{ me: { id: string; email: string } | null }>('{ me { id email } }');
const refresh = document<{ refreshSession: { refreshToken: string } }, { t: string }>(
  'mutation ($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }',
);
const logout = document<{ logout: boolean }, { t: string }>('mutation ($t: String!) { logout(refreshToken: $t) }');
const userEntities = document<
  { _entities: Array<{ id: string; name: string } | null> },
  { representations: Array<{ __typename: 'User'; id: string }> }
>('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name } } }');

/** The subgraph's schema executed in-process, as the gateway would call it. */
describe.each(modes)('users subgraph schema (%s)', (mode) => {
  let users: UsersFixture;

  beforeAll(async () => {
    users = await UsersFixture.start(mode);
  });
  afterAll(() => users?.dispose());

  it('registers and returns the account with an ISO createdAt', async () => {
    const input = newUser();
    const result = await users.harness.gql(register, { input });
    expect(result.errors).toBeUndefined();
    const user = result.data?.register.user;
    expect(user).toMatchObject({ email: input.email, name: input.name, role: 'USER' });
    expect(new Date(user?.createdAt ?? '').toISOString()).toBe(user?.createdAt);
  });

  it('reports a bad field with BAD_USER_INPUT and its path', async () => {
    const result = await users.harness.gql(register, { input: newUser({ password: 'short' }) });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
  });

  it('answers me with null when anonymous and with the account when signed in', async () => {
    const user = await users.services.accounts.register(newUser());
    const anonymous = await users.harness.gql(me);
    expect(anonymous.data).toEqual({ me: null });
    const signedIn = await users.harness.gql(me, {}, { userId: user.id, role: 'USER' });
    expect(signedIn.data).toEqual({ me: { id: user.id, email: user.email } });
  });

  it('resolves User references by id, with null for unknown and malformed ids', async () => {
    const user = await users.services.accounts.register(newUser());
    const result = await users.harness.gql(userEntities, {
      representations: [
        { __typename: 'User', id: user.id },
        { __typename: 'User', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'User', id: 'nope' },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: user.id, name: user.name }, null, null] });
  });

  it('refreshes, refuses the used token, and logs out', async () => {
    const first = await users.harness.gql(register, { input: newUser() });
    expect(first.errors).toBeUndefined();
    const token = first.data?.register.refreshToken ?? '';
    const second = await users.harness.gql(refresh, { t: token });
    expect(second.errors).toBeUndefined();
    const next = second.data?.refreshSession.refreshToken ?? '';
    expect(next).not.toBe(token);
    const reused = await users.harness.gql(refresh, { t: token });
    expect(firstError(reused)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const out = await users.harness.gql(logout, { t: next });
    expect(out.data).toEqual({ logout: false });
  });
});
