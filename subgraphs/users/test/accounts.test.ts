import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from '@seats/platform';
import { expectCode, modes, waitFor } from '@seats/testkit';
import { PasswordHasher } from '../src/passwords.js';
import { newUser, UsersFixture } from './support/users.js';

describe.each(modes)('accounts (%s)', (mode) => {
  let users: UsersFixture;

  beforeAll(async () => {
    users = await UsersFixture.start(mode);
  });
  afterAll(() => users?.dispose());

  const accounts = () => users.services.accounts;
  const storedAccount = async (email: string) =>
    (
      await users.query<{ id: string; email: string; password_hash: string; role: string }>(
        sql`select id, email, password_hash, role from users.accounts where email = ${email}`,
      )
    )[0];

  describe('register', () => {
    it('creates a USER account with a normalised email', async () => {
      const input = newUser({ name: '  Grace Hopper ' });
      const user = await accounts().register({ ...input, email: `  ${input.email.toUpperCase()} ` });
      expect(user).toMatchObject({ email: input.email, name: 'Grace Hopper', role: 'USER' });
      expect(user.createdAt).toBeInstanceOf(Date);
      expect(await storedAccount(input.email)).toMatchObject({ id: user.id, role: 'USER' });
    });

    it('stores an argon2id hash with OWASP parameters, never the password', async () => {
      const input = newUser();
      await accounts().register(input);
      const stored = await storedAccount(input.email);
      expect(stored?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(stored?.password_hash).not.toContain(input.password);
    });

    it('announces the account with UserRegistered through the outbox', async () => {
      const input = newUser();
      const user = await accounts().register(input);
      const event = await waitFor(() => users.published.find((e) => e.payload.userId === user.id));
      expect(event.type).toBe('UserRegistered');
      expect(event.payload).toEqual({ userId: user.id, email: input.email, name: input.name });
      const [row] = await users.query<{ count: number }>(
        sql`select count(*)::int as count from users.outbox where payload->>'userId' = ${user.id}`,
      );
      expect(row?.count).toBe(1);
    });

    it('refuses an email that is taken, in any case, on input.email', async () => {
      const input = newUser();
      await accounts().register(input);
      await expectCode(
        accounts().register(newUser({ email: input.email.toUpperCase() })),
        'BAD_USER_INPUT',
        'input.email',
      );
    });

    it('lets exactly one of two concurrent registrations of one email through', async () => {
      const email = newUser().email;
      const results = await Promise.allSettled([
        accounts().register(newUser({ email })),
        accounts().register(newUser({ email })),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failure = results.find((r) => r.status === 'rejected');
      expect(failure?.reason).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } });
      const [row] = await users.query<{ count: number }>(
        sql`select count(*)::int as count from users.accounts where email = ${email}`,
      );
      expect(row?.count).toBe(1);
    });

    it.each([
      ['9 characters', 'x'.repeat(9)],
      ['129 characters', 'x'.repeat(129)],
      ['an empty string', ''],
    ])('refuses a password of %s on input.password', async (_label, password) => {
      const input = newUser({ password });
      await expectCode(accounts().register(input), 'BAD_USER_INPUT', 'input.password');
      expect(await storedAccount(input.email)).toBeUndefined();
    });

    it('accepts passwords of exactly 10 and 128 characters, counting an emoji as one', async () => {
      await expect(accounts().register(newUser({ password: 'x'.repeat(10) }))).resolves.toBeDefined();
      await expect(accounts().register(newUser({ password: 'x'.repeat(128) }))).resolves.toBeDefined();
      await expect(accounts().register(newUser({ password: '🔑'.repeat(10) }))).resolves.toBeDefined();
    });

    it.each([
      ['no @', 'not-an-email'],
      ['no domain dot', 'ada@localhost'],
      ['a space', 'ada lovelace@example.com'],
      ['two @', 'ada@@example.com'],
      ['255 characters', `${'a'.repeat(60)}@${'b'.repeat(190)}.com`],
      ['a 65-character local part', `${'a'.repeat(65)}@example.com`],
    ])('refuses an email with %s on input.email', async (_label, email) => {
      await expectCode(accounts().register(newUser({ email })), 'BAD_USER_INPUT', 'input.email');
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['101 characters', 'n'.repeat(101)],
      ['a control character', 'Ada\u0000Lovelace'],
    ])('refuses a name that is %s on input.name', async (_label, name) => {
      await expectCode(accounts().register(newUser({ name })), 'BAD_USER_INPUT', 'input.name');
    });
  });

  describe('authenticate', () => {
    it('signs in with the password, whatever the case of the email', async () => {
      const input = newUser();
      const registered = await accounts().register(input);
      const user = await accounts().authenticate({ email: ` ${input.email.toUpperCase()}`, password: input.password });
      expect(user).toEqual(registered);
    });

    it('fails alike for an unknown email and for a wrong password', async () => {
      const input = newUser();
      await accounts().register(input);
      const unknown = await accounts()
        .authenticate({ email: newUser().email, password: input.password })
        .catch((err: unknown) => err);
      const wrong = await accounts()
        .authenticate({ email: input.email, password: `${input.password}!` })
        .catch((err: unknown) => err);
      expect(unknown).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(wrong).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect((unknown as Error).message).toBe((wrong as Error).message);
    });

    it('spends a full password verification on an unknown email', async () => {
      // Checked by what runs, not by timing it: an unknown email verifies the
      // password against a real argon2id hash, as a known one does.
      const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
      try {
        await expectCode(
          accounts().authenticate({ email: newUser().email, password: 'wrong-password' }),
          'UNAUTHENTICATED',
        );
        expect(verify).toHaveBeenCalledTimes(1);
        expect(verify.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$/);
        expect(await verify.mock.results[0]?.value).toBe(false);
      } finally {
        verify.mockRestore();
      }
    });

    it('refuses a password longer than the policy allows before hashing it', async () => {
      await expectCode(
        accounts().authenticate({ email: newUser().email, password: 'x'.repeat(10_000) }),
        'BAD_USER_INPUT',
        'input.password',
      );
    });
  });

  describe('findById', () => {
    it('finds an account and answers null for unknown or malformed ids', async () => {
      const user = await accounts().register(newUser());
      expect(await accounts().findById(user.id.toUpperCase())).toEqual(user);
      expect(await accounts().findById('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await accounts().findById('not-a-uuid')).toBeNull();
    });
  });
});
