import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/**
 * A set of Ed25519 signing keys: the first signs, all of them verify, so a
 * new key can be put first while tokens signed by the old one stay valid.
 */
export interface KeyRing {
  readonly signer: { kid: string; key: CryptoKey };
  /** The public keys, as a JWKS `keys` array. */
  readonly publicJwks: JWK[];
}

/**
 * Loads a key ring from JSON (an array of private JWKs) when given, else from
 * `<dir>/<name>-keys.json`, creating that file with a fresh key the first
 * time (exclusively, so concurrent starts agree on one key).
 */
export async function loadKeyRing(name: string, json: string | undefined, dir: string): Promise<KeyRing> {
  const jwks = json ? parseJwks(json, name) : await readOrCreate(path.join(dir, `${name}-keys.json`));
  const first = jwks[0];
  if (!first?.kid) throw new Error(`${name} keys: the first key needs a kid`);
  const key = (await importJWK(first, 'EdDSA')) as CryptoKey;
  return { signer: { kid: first.kid, key }, publicJwks: jwks.map(publicPart) };
}

function parseJwks(json: string, name: string): JWK[] {
  const parsed: unknown = JSON.parse(json);
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${name} keys must be a non-empty JWK array`);
  return keys as JWK[];
}

async function readOrCreate(file: string): Promise<JWK[]> {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'EdDSA', use: 'sig' };
    // Written whole to a private temp file, then linked into place: a
    // concurrent starter either wins the link or reads the winner's full file.
    const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    fs.writeFileSync(temp, JSON.stringify([jwk], null, 2), { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  return parseJwks(fs.readFileSync(file, 'utf8'), file);
}

function publicPart(jwk: JWK): JWK {
  const { d: _d, ...rest } = jwk;
  return { ...rest, alg: 'EdDSA', use: 'sig' };
}
