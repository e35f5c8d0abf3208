import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, waitFor } from '@seats/testkit';
import { graphql } from '../../../stack/test/generated/index.js';
import { startTestStack, type TestStack } from '../../../stack/test/support/harness.js';
import { newUser } from './support/users.js';

const register = graphql(`
  mutation UsersE2eRegister($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
      user {
        id
        email
        name
        role
        createdAt
      }
    }
  }
`);
const login = graphql(`
  mutation UsersE2eLogin($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
      user {
        id
        role
      }
    }
  }
`);
const refresh = graphql(`
  mutation UsersE2eRefresh($token: String!) {
    refreshSession(refreshToken: $token) {
      accessToken
      refreshToken
      user {
        id
      }
    }
  }
`);
const logout = graphql(`
  mutation UsersE2eLogout($token: String!) {
    logout(refreshToken: $token)
  }
`);
const me = graphql(`
  query UsersE2eMe {
    me {
      id
      email
      name
      role
    }
  }
`);

describe.each(modes)('users through the gateway (%s)', (mode) => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(mode);
  });
  afterAll(() => stack?.dispose());

  it('registers, reads me, signs in, refreshes and logs out', async () => {
    const input = newUser();
    const registered = await stack.gql(register, { input: { ...input, email: input.email.toUpperCase() } });
    expect(registered.errors).toBeUndefined();
    const user = registered.data!.register.user;
    expect(user).toMatchObject({ email: input.email, name: input.name, role: 'USER' });

    const mine = await stack.gql(me, {}, registered.data!.register.accessToken);
    expect(mine.data).toEqual({ me: { id: user.id, email: input.email, name: input.name, role: 'USER' } });

    const signedIn = await stack.gql(login, { input: { email: input.email, password: input.password } });
    expect(signedIn.data!.login.user).toEqual({ id: user.id, role: 'USER' });

    const refreshed = await stack.gql(refresh, { token: signedIn.data!.login.refreshToken });
    expect(refreshed.data!.refreshSession.user).toEqual({ id: user.id });
    expect((await stack.gql(me, {}, refreshed.data!.refreshSession.accessToken)).data!.me!.id).toBe(user.id);

    const out = await stack.gql(logout, { token: refreshed.data!.refreshSession.refreshToken });
    expect(out.data).toEqual({ logout: true });
    const after = await stack.gql(refresh, { token: refreshed.data!.refreshSession.refreshToken });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('publishes UserRegistered for a new account', async () => {
    const { userId } = await stack.register();
    const [row] = await waitFor(async () => {
      const rows = await stack.query<{ published: boolean }>(
        'users',
        sql`select published_at is not null as published from users.outbox
            where type = 'UserRegistered' and payload->>'userId' = ${userId}`,
      );
      return rows[0]?.published ? rows : undefined;
    });
    expect(row).toEqual({ published: true });
  });

  it('answers me with null without a token', async () => {
    const result = await stack.gql(me);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ me: null });
  });

  it('names the offending field of a bad registration', async () => {
    const cases = [
      [{ email: 'nope' }, 'input.email'],
      [{ password: 'short' }, 'input.password'],
      [{ name: '' }, 'input.name'],
    ] as const;
    for (const [override, field] of cases) {
      const result = await stack.gql(register, { input: newUser(override) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('fails sign-in alike for an unknown email and a wrong password', async () => {
    const user = await stack.register();
    const unknown = await stack.gql(login, { input: { email: newUser().email, password: user.password } });
    const wrong = await stack.gql(login, { input: { email: user.email, password: `${user.password}x` } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]).toEqual(unknown.errors?.[0]);
  });

  it('revokes the family when a used refresh token comes back', async () => {
    const user = await stack.register();
    const next = await stack.gql(refresh, { token: user.refreshToken });
    const reused = await stack.gql(refresh, { token: user.refreshToken });
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const newest = await stack.gql(refresh, { token: next.data!.refreshSession.refreshToken });
    expect(newest.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('signs the bootstrapped admin in with role ADMIN', async () => {
    const result = await stack.gql(me, {}, await stack.adminToken());
    expect(result.data!.me!.role).toBe('ADMIN');
  });
});
