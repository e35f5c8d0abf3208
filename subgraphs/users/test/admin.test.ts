import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { expectCode, modes } from '@seats/testkit';
import { bootstrapAdmin } from '../src/admin.js';
import { newUser, UsersFixture } from './support/users.js';

interface LogLine {
  level: 'info' | 'warn';
  args: unknown[];
}

/** A logger whose calls the test can read. */
function capturingLogger() {
  const lines: LogLine[] = [];
  const log = {
    info: (...args: unknown[]) => void lines.push({ level: 'info', args }),
    warn: (...args: unknown[]) => void lines.push({ level: 'warn', args }),
  };
  return { log, lines, text: () => JSON.stringify(lines) };
}

describe.each(modes)('admin bootstrap (%s)', (mode) => {
  let users: UsersFixture;

  beforeAll(async () => {
    users = await UsersFixture.start(mode);
  });
  afterAll(() => users?.dispose());

  const accounts = () => users.services.accounts;
  const roleOf = async (email: string) =>
    (await users.query<{ role: string }>(sql`select role from users.accounts where email = ${email}`))[0]?.role;

  it('creates a missing admin account that signs in with the configured password', async () => {
    const { email, password } = newUser();
    const { log, lines, text } = capturingLogger();
    await bootstrapAdmin(accounts(), { adminEmail: email.toUpperCase(), adminPassword: password }, log);
    const user = await accounts().authenticate({ email, password });
    expect(user.role).toBe('ADMIN');
    expect(lines).toEqual([
      { level: 'info', args: [{ userId: user.id, email, created: true }, 'admin account exists'] },
    ]);
    expect(text()).not.toContain(password);
  });

  it('promotes an existing account without changing its password', async () => {
    const input = newUser();
    await accounts().register(input);
    const { log } = capturingLogger();
    await bootstrapAdmin(accounts(), { adminEmail: input.email, adminPassword: 'another-password-123' }, log);
    expect(await roleOf(input.email)).toBe('ADMIN');
    await expect(accounts().authenticate(input)).resolves.toMatchObject({ role: 'ADMIN' });
    await expectCode(
      accounts().authenticate({ email: input.email, password: 'another-password-123' }),
      'UNAUTHENTICATED',
    );
  });

  it('is idempotent across restarts and concurrent instances', async () => {
    const { email, password } = newUser();
    const config = { adminEmail: email, adminPassword: password };
    const { log } = capturingLogger();
    await Promise.all([bootstrapAdmin(accounts(), config, log), bootstrapAdmin(accounts(), config, log)]);
    await bootstrapAdmin(accounts(), config, log);
    const [row] = await users.query<{ count: number }>(
      sql`select count(*)::int as count from users.accounts where email = ${email} and role = 'ADMIN'`,
    );
    expect(row?.count).toBe(1);
  });

  it('does nothing (but warn) when only one of email and password is set', async () => {
    const { email } = newUser();
    const { log, lines } = capturingLogger();
    await bootstrapAdmin(accounts(), { adminEmail: email, adminPassword: undefined }, log);
    expect(await roleOf(email)).toBeUndefined();
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });

  it('refuses an admin password that breaks the policy', async () => {
    const { log } = capturingLogger();
    await expectCode(
      bootstrapAdmin(accounts(), { adminEmail: newUser().email, adminPassword: 'short' }, log),
      'BAD_USER_INPUT',
      'ADMIN_PASSWORD',
    );
  });
});
