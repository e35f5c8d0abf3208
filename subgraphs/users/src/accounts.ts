import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  isId,
  requireAdmin,
  UnauthenticatedError,
  type Db,
  type Identity,
  type Outbox,
  type Tx,
} from '@seats/platform';
import {
  findAccount,
  findAccountByEmail,
  insertAccount,
  setRoleByEmail,
  updatePasswordHash,
  type Account,
  type NewAccount,
} from './db/accounts.js';
import { boundCredentials, normaliseEmail, parseEmail, parseName, parsePassword } from './domain/validation.js';
import type { Loaders } from './loaders.js';
import type { UserModel } from './models.js';
import type { PasswordHasher } from './passwords.js';

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
}

export interface Credentials {
  email: string;
  password: string;
}

/** Only what the service needs of the outbox, so tests can pass the real one or a spy. */
export type AccountOutbox = Pick<Outbox, 'record' | 'kick'>;

/** The one message for every failed sign-in, whether the email or the password was wrong. */
const invalidCredentials = () => new UnauthenticatedError('Invalid email or password');
const emailTaken = () => new BadUserInputError('input.email', 'An account with this email already exists');

/** The account as the API shows it. */
export function toUserModel(account: Account): UserModel {
  return { id: account.id, email: account.email, name: account.name, role: account.role, createdAt: account.createdAt };
}

/** Accounts: registration, password sign-in, lookups and the admin bootstrap. */
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly outbox: AccountOutbox,
    private readonly hasher: PasswordHasher,
  ) {}

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
    if (await findAccountByEmail(this.db, email)) throw emailTaken();
    const passwordHash = await this.hasher.hash(password);
    const account = await this.db.transaction((tx) =>
      this.insertAndAnnounce(tx, { id: randomUUID(), email, name, passwordHash, role: 'USER' }),
    );
    if (!account) throw emailTaken();
    this.outbox.kick();
    return toUserModel(account);
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
    const account = await findAccountByEmail(this.db, email);
    if (!account) {
      await this.hasher.verifyDummy(credentials.password);
      throw invalidCredentials();
    }
    if (!(await this.hasher.verify(account.passwordHash, credentials.password))) throw invalidCredentials();
    if (this.hasher.needsRehash(account.passwordHash)) {
      // The parameters were raised since this hash was made: upgrade it while the password is at hand.
      await updatePasswordHash(this.db, account.id, await this.hasher.hash(credentials.password));
    }
    return toUserModel(account);
  }

  /** The account with this id, or null (also for ids that are not UUIDs). */
  async findById(id: string): Promise<UserModel | null> {
    if (!isId(id)) return null;
    const account = await findAccount(this.db, id.toLowerCase());
    return account ? toUserModel(account) : null;
  }

  /** A user another subgraph refers to, through the request's loaders; null as for `findById`. */
  async user(loaders: Loaders, id: string): Promise<UserModel | null> {
    return isId(id) ? loaders.user.load(id.toLowerCase()) : null;
  }

  /** ADMIN: the account with this email (any case); null when there is none or the address is malformed. */
  async findByEmail(caller: Identity | null, rawEmail: string): Promise<UserModel | null> {
    requireAdmin(caller, 'look accounts up');
    const email = normaliseEmail(rawEmail);
    if (email.length === 0 || email.length > 320)
      throw new BadUserInputError('email', 'email must be 1 to 320 characters');
    const account = await findAccountByEmail(this.db, email);
    return account ? toUserModel(account) : null;
  }

  /** The caller's own account; null when anonymous (and for an account that no longer exists). */
  me(caller: Identity | null): Promise<UserModel | null> {
    return caller ? this.findById(caller.userId) : Promise.resolve(null);
  }

  /**
   * Makes sure an ADMIN account with this email exists: creates it with the
   * password when missing, otherwise only sets its role (its password is
   * never changed). Safe when several instances start at once.
   */
  async ensureAdmin(rawEmail: string, rawPassword: string): Promise<{ user: UserModel; created: boolean }> {
    const email = parseEmail(rawEmail, 'ADMIN_EMAIL');
    const password = parsePassword(rawPassword, 'ADMIN_PASSWORD');
    const exists = (await findAccountByEmail(this.db, email)) !== null;
    const passwordHash = exists ? undefined : await this.hasher.hash(password);
    const result = await this.db.transaction(async (tx) => {
      if (passwordHash) {
        const account: NewAccount = { id: randomUUID(), email, name: 'Administrator', passwordHash, role: 'ADMIN' };
        const created = await this.insertAndAnnounce(tx, account);
        if (created) return { account: created, created: true };
      }
      const promoted = await setRoleByEmail(tx, email, 'ADMIN');
      if (!promoted) throw new Error('the admin account vanished while it was being promoted');
      return { account: promoted, created: false };
    });
    if (result.created) this.outbox.kick();
    return { user: toUserModel(result.account), created: result.created };
  }

  private async insertAndAnnounce(tx: Tx, account: NewAccount): Promise<Account | null> {
    const row = await insertAccount(tx, account);
    if (row) await this.outbox.record(tx, 'UserRegistered', { userId: row.id, email: row.email, name: row.name });
    return row;
  }
}
