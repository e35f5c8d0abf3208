import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** Argon2id parameters; OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane). */
export interface HashParameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const defaultHashParameters: HashParameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes and verifies passwords with argon2id. Also keeps a hash of a random
 * secret, so a sign-in for an unknown email costs one full verification just
 * like a wrong password does, and response time tells nothing about which
 * addresses have accounts.
 */
export class PasswordHasher {
  private readonly dummyHash: Promise<string>;

  constructor(private readonly parameters: HashParameters = defaultHashParameters) {
    this.dummyHash = this.hash(randomBytes(32).toString('base64url'));
    // Awaited on first use; this only keeps an early failure from going unhandled.
    this.dummyHash.catch(() => undefined);
  }

  /** Hashes a password into a self-describing PHC string (`$argon2id$v=19$m=...`). */
  hash(password: string): Promise<string> {
    return argon2.hash(password, { ...this.parameters, type: argon2.argon2id });
  }

  /** True when the password matches; false for a mismatch or an unreadable hash. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same effort as `verify` and always answers false. */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** True when a stored hash was made with other parameters and should be replaced at the next sign-in. */
  needsRehash(hash: string): boolean {
    try {
      return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, this.parameters);
    } catch {
      return true;
    }
  }
}
