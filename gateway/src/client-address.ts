import type http from 'node:http';
import { isIP } from 'node:net';

/**
 * The client's address as rate limits see it. With `trustedHops` proxies in
 * front of the gateway, each appending to X-Forwarded-For, the client is the
 * entry that many places from the right (the rightmost being added by the
 * proxy nearest to us); entries further left are the client's own claims
 * and are never trusted. Without proxies the peer address is used.
 *
 * An IPv6 client is counted by its /64 network, since one subscriber
 * usually holds a whole /64 and could rotate through it.
 */
export function clientAddress(req: http.IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return normalise(peer);
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  const client = chain[Math.max(0, chain.length - 1 - trustedHops)] ?? peer;
  return normalise(isIP(client) ? client : peer);
}

/** IPv4 (also when mapped into IPv6) as is; IPv6 as its /64 prefix. */
export function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in (a zone id is dropped). */
function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
