import type http from 'node:http';
import {
  AccessTokenError,
  refusingRequest,
  UnauthenticatedError,
  type AccessTokenVerifier,
  type Identity,
} from '@seats/platform';
import { clientAddress } from './client-address.js';

export interface GatewayContext {
  identity: Identity | null;
  /** The client's address (IPv6: its /64), for per-address rate limits. */
  clientAddress: string;
  /** The event a live subscription is being executed for (see the live executor). */
  sourceEvent?: unknown;
}

const bearer = /^Bearer ([A-Za-z0-9_\-.]+)$/i;

/**
 * Public operations work without a token; a token that is present but
 * invalid (bad signature, wrong audience or issuer, expired) is refused.
 */
export async function buildContext(
  req: http.IncomingMessage,
  verifier: AccessTokenVerifier,
  trustProxyHops: number,
): Promise<GatewayContext> {
  const address = clientAddress(req, trustProxyHops);
  const header = req.headers.authorization;
  if (!header) return { identity: null, clientAddress: address };
  const identity = await identityOf(header, verifier);
  if (identity === 'malformed') throw unauthenticated('The Authorization header must be "Bearer <accessToken>"');
  if (identity === 'invalid') throw unauthenticated('The access token is invalid or expired');
  return { identity, clientAddress: address };
}

/**
 * The identity a `Bearer <accessToken>` value proves (HTTP header or
 * graphql-ws connection_init), or why it proves none.
 */
export async function identityOf(
  authorization: string,
  verifier: AccessTokenVerifier,
): Promise<Identity | 'malformed' | 'invalid'> {
  const token = bearer.exec(authorization.trim())?.[1];
  if (!token) return 'malformed';
  try {
    return await verifier.verify(token);
  } catch (err) {
    if (err instanceof AccessTokenError) return 'invalid';
    throw err;
  }
}

/** A bad token refuses the whole request (HTTP 401), whatever the operation. */
function unauthenticated(message: string): UnauthenticatedError {
  return refusingRequest(new UnauthenticatedError(message));
}
