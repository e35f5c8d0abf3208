import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { AccessTokenError, type AccessTokenVerifier, type Identity } from '@seats/platform';
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
  const match = bearer.exec(header.trim());
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <accessToken>"');
  try {
    return { identity: await verifier.verify(match[1]), clientAddress: address };
  } catch (err) {
    if (err instanceof AccessTokenError) throw unauthenticated('The access token is invalid or expired');
    throw err;
  }
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
