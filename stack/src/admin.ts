import { randomBytes } from 'node:crypto';
import type { PlatformConfig } from '@seats/platform';
import { graphqlRequest } from './client.js';

export const defaultAdminEmail = 'admin@seats.local';

/**
 * The admin account comes from ADMIN_EMAIL/ADMIN_PASSWORD. When they are
 * unset in embedded mode, a random password is chosen; the users subgraph
 * creates the account only if it does not exist yet, so the password is
 * valid (and printed) only on the first start.
 */
export function withAdminCredentials(config: PlatformConfig): { config: PlatformConfig; generated: boolean } {
  if (config.adminEmail && config.adminPassword) return { config, generated: false };
  if (config.databaseUrl) return { config, generated: false };
  const adminPassword = randomBytes(12).toString('base64url');
  return { config: { ...config, adminEmail: config.adminEmail ?? defaultAdminEmail, adminPassword }, generated: true };
}

/** Signs the admin in through the gateway; null when the credentials are not (or no longer) valid. */
export async function adminSession(graphqlUrl: string, email: string, password: string): Promise<string | null> {
  try {
    const data = await graphqlRequest<{ login: { accessToken: string } }>(
      graphqlUrl,
      'mutation AdminLogin($input: LoginInput!) { login(input: $input) { accessToken } }',
      { input: { email, password } },
    );
    return data.login.accessToken;
  } catch {
    return null;
  }
}
