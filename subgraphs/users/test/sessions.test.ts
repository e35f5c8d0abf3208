import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenVerifier, loadKeyRing, sql } from '@seats/platform';
import { expectCode, modes } from '@seats/testkit';
import type { AuthPayloadModel } from '../src/models.js';
import { absoluteSeconds, idleSeconds, newUser, UsersFixture } from './support/users.js';

describe.each(modes)('sessions (%s)', (mode) => {
  let users: UsersFixture;

  beforeAll(async () => {
    users = await UsersFixture.start(mode);
  });
  afterAll(() => users?.dispose());

  const sessions = () => users.services.sessions;
  const signIn = async (): Promise<AuthPayloadModel> =>
    sessions().start(await users.services.accounts.register(newUser()));
  const refreshFails = (token: string) => expectCode(sessions().refresh(token), 'UNAUTHENTICATED');

  it('issues an access token the gateway accepts, naming the user and role', async () => {
    const session = await signIn();
    const keys = await loadKeyRing('access', users.config.accessTokenKeys, users.config.keysDir);
    const verifier = new AccessTokenVerifier(keys.publicJwks, {
      issuer: users.config.tokenIssuer,
      audience: users.config.tokenAudience,
    });
    expect(await verifier.verify(session.accessToken)).toEqual({ userId: session.user.id, role: 'USER' });
  });

  it('stores only the SHA-256 of a refresh token', async () => {
    const session = await signIn();
    const rows = await users.query<{ token_hash: string }>(
      sql`select token_hash from users.refresh_tokens where user_id = ${session.user.id}`,
    );
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(session.refreshToken);
  });

  it('rotates: a refresh returns a new pair, and the new refresh token works', async () => {
    const first = await signIn();
    const second = await sessions().refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user).toEqual(first.user);
    const third = await sessions().refresh(second.refreshToken);
    expect(third.user.id).toBe(first.user.id);
  });

  it('keeps rotated tokens in one family and marks the old one used', async () => {
    const first = await signIn();
    await sessions().refresh(first.refreshToken);
    const rows = await users.query<{ families: number; used: number }>(
      sql`select count(distinct family_id)::int as families, count(used_at)::int as used
          from users.refresh_tokens where user_id = ${first.user.id}`,
    );
    expect(rows[0]).toEqual({ families: 1, used: 1 });
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const first = await signIn();
    const second = await sessions().refresh(first.refreshToken);
    const third = await sessions().refresh(second.refreshToken);
    await refreshFails(first.refreshToken);
    // Even the newest token, never used, is dead now.
    await refreshFails(third.refreshToken);
    expect(await sessions().logout(third.refreshToken)).toBe(false);
  });

  it('leaves the user’s other sessions alone when one family is revoked', async () => {
    const input = newUser();
    const user = await users.services.accounts.register(input);
    const phone = await sessions().start(user);
    const laptop = await sessions().start(user);
    await sessions().refresh(phone.refreshToken);
    await refreshFails(phone.refreshToken);
    await expect(sessions().refresh(laptop.refreshToken)).resolves.toMatchObject({ user: { id: user.id } });
  });

  it('lets only one of two concurrent refreshes of one token win', async () => {
    const session = await signIn();
    const results = await Promise.allSettled([
      sessions().refresh(session.refreshToken),
      sessions().refresh(session.refreshToken),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // The second attempt was a reuse: the winner's token is revoked with its family.
    const winner = won[0]!.value;
    await refreshFails(winner.refreshToken);
  });

  it('logs out: true for an active token, and the family stops working', async () => {
    const first = await signIn();
    const second = await sessions().refresh(first.refreshToken);
    expect(await sessions().logout(second.refreshToken)).toBe(true);
    await refreshFails(second.refreshToken);
    expect(await sessions().logout(second.refreshToken)).toBe(false);
  });

  it('answers false, not an error, to a logout with an unknown or malformed token', async () => {
    expect(await sessions().logout('A'.repeat(43))).toBe(false);
    expect(await sessions().logout('not a token')).toBe(false);
    expect(await sessions().logout('x'.repeat(100_000))).toBe(false);
  });

  it('refuses unknown and malformed refresh tokens', async () => {
    await refreshFails('A'.repeat(43));
    await refreshFails('');
    await refreshFails('x'.repeat(100_000));
  });

  it('expires a token left unused for the idle lifetime', async () => {
    const session = await signIn();
    users.advance(idleSeconds + 1);
    await refreshFails(session.refreshToken);
  });

  it('expires a family at its absolute lifetime, however often it was refreshed', async () => {
    let session = await signIn();
    const start = users.now().getTime();
    for (let elapsed = 0; elapsed < absoluteSeconds - idleSeconds / 2; elapsed += idleSeconds / 2) {
      users.advance(idleSeconds / 2);
      session = await sessions().refresh(session.refreshToken);
    }
    const [row] = await users.query<{ expires_at: Date | string; idle_expires_at: Date | string }>(
      sql`select expires_at, idle_expires_at from users.refresh_tokens
          where user_id = ${session.user.id} and used_at is null`,
    );
    // The newest token's idle deadline is capped by the family's end.
    expect(new Date(row?.idle_expires_at ?? 0).getTime()).toBe(new Date(row?.expires_at ?? 0).getTime());
    expect(new Date(row?.expires_at ?? 0).getTime() - start).toBeLessThanOrEqual(absoluteSeconds * 1000);
    users.advance(idleSeconds / 2);
    await refreshFails(session.refreshToken);
  });

  it('puts a changed role into the next access token', async () => {
    const session = await signIn();
    await users.query(sql`update users.accounts set role = 'ADMIN' where id = ${session.user.id}`);
    const next = await sessions().refresh(session.refreshToken);
    expect(next.user.role).toBe('ADMIN');
  });

  it('prunes tokens of families past their absolute lifetime', async () => {
    const session = await signIn();
    users.advance(absoluteSeconds + 1);
    expect(await sessions().pruneExpired()).toBeGreaterThan(0);
    const rows = await users.query(sql`select id from users.refresh_tokens where user_id = ${session.user.id}`);
    expect(rows).toHaveLength(0);
  });
});
