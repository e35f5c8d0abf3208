import { createLocalJWKSet, jwtVerify, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { KeyRing } from './keys.js';

export type Role = 'USER' | 'ADMIN';

/** Who is calling, as established by the gateway. */
export interface Identity {
  userId: string;
  role: Role;
}

/** The header carrying the gateway's signed statement of the caller's identity. */
export const gatewayTokenHeader = 'x-gateway-token';
export const gatewayIssuer = 'urn:seats:gateway';
export const subgraphAudience = (name: string) => `urn:seats:subgraph:${name}`;

// Reused for 30 s, a token still has at least 90 s to live when it is
// sent, so a request that queues behind a burst does not arrive expired.
const gatewayTokenTtlSeconds = 120;
const reuseForMs = 30_000;

/**
 * Signs the short-lived tokens the gateway attaches to every subgraph request
 * (audience = that subgraph). Tokens are reused for half their life, so the
 * signature costs almost nothing per request.
 */
export class GatewayTokenSigner {
  private readonly cache = new Map<string, { token: string; until: number }>();

  constructor(private readonly keys: KeyRing) {}

  async sign(identity: Identity | null, subgraph: string): Promise<string> {
    const cacheKey = `${subgraph}|${identity?.userId ?? ''}|${identity?.role ?? ''}`;
    const hit = this.cache.get(cacheKey);
    const now = Date.now();
    if (hit && hit.until > now) return hit.token;
    const jwt = new SignJWT(identity ? { role: identity.role } : { anon: true })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.keys.signer.kid })
      .setIssuer(gatewayIssuer)
      .setAudience(subgraphAudience(subgraph))
      .setIssuedAt()
      .setExpirationTime(`${gatewayTokenTtlSeconds}s`);
    if (identity) jwt.setSubject(identity.userId);
    const token = await jwt.sign(this.keys.signer.key);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cacheKey, { token, until: now + reuseForMs });
    return token;
  }
}

export class GatewayTokenError extends Error {}

/** Verifies a gateway token in a subgraph; `null` identity means anonymous. */
export class GatewayTokenVerifier {
  private readonly jwks;
  private readonly verified = new VerifiedTokens<Identity | null>();

  constructor(
    publicJwks: JWK[],
    private readonly subgraph: string,
  ) {
    this.jwks = createLocalJWKSet({ keys: publicJwks });
  }

  async verify(token: string | undefined): Promise<Identity | null> {
    if (!token) throw new GatewayTokenError('missing gateway token');
    const known = this.verified.get(token);
    if (known !== undefined) return known;
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['EdDSA'],
        issuer: gatewayIssuer,
        audience: subgraphAudience(this.subgraph),
        clockTolerance: 5,
        requiredClaims: ['exp', 'iat'],
      });
      const identity = payload.anon === true ? null : toIdentity(payload.sub, payload.role);
      this.verified.set(token, identity, payload.exp);
      return identity;
    } catch (err) {
      if (err instanceof GatewayTokenError) throw err;
      throw new GatewayTokenError('invalid gateway token');
    }
  }
}

/** Issues client access tokens (users subgraph). */
export class AccessTokenIssuer {
  constructor(
    private readonly keys: KeyRing,
    private readonly options: { issuer: string; audience: string; ttlSeconds: number },
  ) {}

  async issue(identity: Identity): Promise<string> {
    return new SignJWT({ role: identity.role })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.keys.signer.kid, typ: 'at+jwt' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(identity.userId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.options.ttlSeconds}s`)
      .sign(this.keys.signer.key);
  }
}

export class AccessTokenError extends Error {}

/** Verifies client access tokens (gateway): algorithm pinned, iss, aud, exp. */
export class AccessTokenVerifier {
  private readonly jwks;
  private readonly verified = new VerifiedTokens<Identity>();

  constructor(
    publicJwks: JWK[],
    private readonly options: { issuer: string; audience: string },
  ) {
    this.jwks = createLocalJWKSet({ keys: publicJwks });
  }

  async verify(token: string): Promise<Identity> {
    const known = this.verified.get(token);
    if (known !== undefined) return known;
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['EdDSA'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: 5,
        requiredClaims: ['exp', 'sub', 'jti'],
      });
      const identity = toIdentity(payload.sub, payload.role);
      this.verified.set(token, identity, payload.exp);
      return identity;
    } catch {
      throw new AccessTokenError('invalid access token');
    }
  }
}

/**
 * Tokens already verified, with what they said, until they expire: a
 * client's token is checked once, not on every request (an EdDSA
 * verification per request and hop is a noticeable share of a hold's CPU).
 * Only tokens that passed verification get in, and the map is cleared when
 * it reaches its bound, so it cannot grow without limit.
 */
class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; expiresAtMs: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** What the token said, or undefined when it is not known or has expired. */
  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs > Date.now()) return entry.value;
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, value: T, exp: number | undefined): void {
    if (exp === undefined) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(token, { value, expiresAtMs: exp * 1000 });
  }
}

function toIdentity(sub: unknown, role: unknown): Identity {
  if (typeof sub !== 'string' || (role !== 'USER' && role !== 'ADMIN')) {
    throw new GatewayTokenError('token without subject or role');
  }
  return { userId: sub, role };
}
