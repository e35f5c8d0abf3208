import { randomUUID } from 'node:crypto';
import { BadUserInputError, isId, UnauthenticatedError, type Db, type Outbox, type Tx } from '@seats/platform';
import type { AccountRow } from './db/schema.js';
import type { UserModel } from './models.js';
import type { PasswordHasher } from './passwords.js';
import type { AccountRepository, NewAccount } from './repository.js';
import { boundCredentials, normaliseEmail, parseEmail, parseName, parsePassword } from './validation.js';

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface AccountServiceDeps {
  db: Db;
  accounts: AccountRepository;
  hasher: PasswordHasher;
  /** Only what the service needs of the outbox, so tests can pass the real one or a spy. */
  outbox: Pick<Outbox, 'record' | 'kick'>;
}

/** The one message for every failed sign-in, whether the email or the password was wrong. */
const invalidCredentials = () => new UnauthenticatedError('Invalid email or password');
const emailTaken = () => new BadUserInputError('input.email', 'An account with this email already exists');

/** The account as the API shows it. */
export function toUserModel(row: AccountRow): UserModel {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.createdAt };
}

/** Accounts: registration, password sign-in, lookups and the admin bootstrap. */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /**
   * Creates a USER account and announces it with `UserRegistered`, written to
   * the outbox in the same transaction.
   *
   * @throws BadUserInputError on `input.email`, `input.password` or `input.name`,
   *   including when the email is taken.
   */
  async register(input: RegisterInput): Promise<UserModel> {
    const email = parseEmail(input.email, 'input.email');
    const password = parsePassword(input.password, 'input.password');
    const name = parseName(input.name, 'input.name');
    // Cheap early answer for the common case; the insert below settles races.
    if (await this.deps.accounts.findByEmail(email)) throw emailTaken();
    const passwordHash = await this.deps.hasher.hash(password);
    const row = await this.deps.db.transaction((tx) =>
      this.insertAndAnnounce(tx, { id: randomUUID(), email, name, passwordHash, role: 'USER' }),
    );
    if (!row) throw emailTaken();
    this.deps.outbox.kick();
    return toUserModel(row);
  }

  /**
   * Checks an email and password. Unknown email and wrong password fail alike,
   * in message and in time (a dummy hash is verified for unknown emails).
   *
   * @throws UnauthenticatedError when the credentials do not match an account.
   */
  async authenticate(credentials: Credentials): Promise<UserModel> {
    const email = normaliseEmail(credentials.email);
    boundCredentials(email, credentials.password);
    const row = await this.deps.accounts.findByEmail(email);
    if (!row) {
      await this.deps.hasher.verifyDummy(credentials.password);
      throw invalidCredentials();
    }
    if (!(await this.deps.hasher.verify(row.passwordHash, credentials.password))) throw invalidCredentials();
    if (this.deps.hasher.needsRehash(row.passwordHash)) {
      // The parameters were raised since this hash was made: upgrade it while the password is at hand.
      await this.deps.accounts.updatePasswordHash(row.id, await this.deps.hasher.hash(credentials.password));
    }
    return toUserModel(row);
  }

  /** The account with this id, or null (also for ids that are not UUIDs). */
  async findById(id: string): Promise<UserModel | null> {
    if (!isId(id)) return null;
    const row = await this.deps.accounts.findById(id.toLowerCase());
    return row ? toUserModel(row) : null;
  }

  /**
   * Makes sure an ADMIN account with this email exists: creates it with the
   * password when missing, otherwise only sets its role (its password is
   * never changed). Safe when several instances start at once.
   */
  async ensureAdmin(rawEmail: string, rawPassword: string): Promise<{ user: UserModel; created: boolean }> {
    const email = parseEmail(rawEmail, 'ADMIN_EMAIL');
    const password = parsePassword(rawPassword, 'ADMIN_PASSWORD');
    const exists = (await this.deps.accounts.findByEmail(email)) !== undefined;
    const passwordHash = exists ? undefined : await this.deps.hasher.hash(password);
    const result = await this.deps.db.transaction(async (tx) => {
      if (passwordHash) {
        const account: NewAccount = { id: randomUUID(), email, name: 'Administrator', passwordHash, role: 'ADMIN' };
        const created = await this.insertAndAnnounce(tx, account);
        if (created) return { row: created, created: true };
      }
      const promoted = await this.deps.accounts.setRoleByEmail(tx, email, 'ADMIN');
      if (!promoted) throw new Error('the admin account vanished while it was being promoted');
      return { row: promoted, created: false };
    });
    if (result.created) this.deps.outbox.kick();
    return { user: toUserModel(result.row), created: result.created };
  }

  private async insertAndAnnounce(tx: Tx, account: NewAccount): Promise<AccountRow | undefined> {
    const row = await this.deps.accounts.insert(tx, account);
    if (row) await this.deps.outbox.record(tx, 'UserRegistered', { userId: row.id, email: row.email, name: row.name });
    return row;
  }
}
