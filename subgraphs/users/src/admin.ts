import type { Logger, PlatformConfig } from '@seats/platform';
import type { AccountService } from './accounts.js';

/**
 * With ADMIN_EMAIL and ADMIN_PASSWORD both set, makes sure that account
 * exists with role ADMIN. An existing account keeps its password: the
 * variable only seeds a new one, so rotating it later changes nothing.
 */
export async function bootstrapAdmin(
  accounts: AccountService,
  config: Pick<PlatformConfig, 'adminEmail' | 'adminPassword'>,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<void> {
  const { adminEmail, adminPassword } = config;
  if (!adminEmail && !adminPassword) return;
  if (!adminEmail || !adminPassword) {
    log.warn('ADMIN_EMAIL and ADMIN_PASSWORD must be set together; no admin account was bootstrapped');
    return;
  }
  const { user, created } = await accounts.ensureAdmin(adminEmail, adminPassword);
  log.info({ userId: user.id, email: user.email, created }, 'admin account exists');
}
