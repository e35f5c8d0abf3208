import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { GraphQLError, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { clientAddress } from '../src/client-address.js';
import { MemoryRateLimitStore, RateLimiter, rootFieldCounts } from '../src/rate-limit/index.js';
import { createLogger, type RateLimits } from '@seats/platform';

const log = createLogger('rate-limit-test', 'silent');

const counts = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return Object.fromEntries(rootFieldCounts(document, operation));
};

describe('root fields of an operation', () => {
  it('counts a field once per alias, so an alias does not hide it', () => {
    expect(counts('mutation { login(input: $a) { accessToken } b: login(input: $b) { accessToken } }')).toEqual({
      login: 2,
    });
  });

  it('follows named and inline fragments, and counts every limited field of one document', () => {
    const source = `mutation { ...Auth ... on Mutation { c: register(input: $c) { accessToken } } lockSeats(input: $l) { id } }
      fragment Auth on Mutation { a: login(input: $a) { accessToken } ...More }
      fragment More on Mutation { b: login(input: $b) { accessToken } }`;
    expect(counts(source)).toEqual({ login: 2, register: 1, lockSeats: 1 });
  });

  it('counts selections that GraphQL merges into one execution once', () => {
    const source = `mutation { login(input: $a) { accessToken } login(input: $a) { user { id } } ...F }
      fragment F on Mutation { login(input: $a) { refreshToken } }`;
    expect(counts(source)).toEqual({ login: 1 });
  });
});

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as http.IncomingMessage;

describe('the client address', () => {
  it('is the peer address, whatever X-Forwarded-For claims, when no proxy is trusted', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.1'), 0)).toBe('198.51.100.7');
    expect(clientAddress(request('::ffff:198.51.100.7'), 0)).toBe('198.51.100.7');
  });

  it('behind trusted proxies, is the entry they added, never one the client wrote further left', () => {
    expect(clientAddress(request('10.0.0.2', '203.0.113.1'), 1)).toBe('203.0.113.1');
    expect(clientAddress(request('10.0.0.2', '1.1.1.1, 203.0.113.1'), 1)).toBe('203.0.113.1');
    expect(clientAddress(request('10.0.0.2', '1.1.1.1, 203.0.113.1, 10.0.0.1'), 2)).toBe('203.0.113.1');
    // Fewer entries than proxies, or garbage: the peer is all that is known.
    expect(clientAddress(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2', 'not-an-address'), 1)).toBe('10.0.0.2');
  });

  it('counts an IPv6 client by its /64 network', () => {
    expect(clientAddress(request('2001:db8:1:2:aaaa::1'), 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'), 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddress(request('2001:db8::7'), 0)).toBe('2001:db8:0:0::/64');
  });
});

describe('the in-memory store', () => {
  it('counts hits in fixed windows and says when the window ends', async () => {
    let now = 60_000 * 100 + 15_000;
    const store = new MemoryRateLimitStore({ log, now: () => now });
    expect(await store.hit('k', 1, 60)).toEqual({ hits: 1, resetSeconds: 45 });
    expect(await store.hit('k', 3, 60)).toEqual({ hits: 4, resetSeconds: 45 });
    expect(await store.hit('other', 1, 60)).toMatchObject({ hits: 1 });
    now += 45_000;
    expect(await store.hit('k', 1, 60)).toEqual({ hits: 1, resetSeconds: 60 });
    await store.dispose();
  });

  it('never holds more than its key budget, dropping the stalest keys', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore({ log, now: () => now, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) {
      await store.hit(key, 1, 600);
      now += 1000;
    }
    expect(store.prune()).toBe(3);
    expect((await store.hit('a', 1, 600)).hits).toBe(1);
    expect((await store.hit('d', 1, 600)).hits).toBe(2);
    await store.dispose();
  });
});

describe('the rate limiter', () => {
  const limits: RateLimits = {
    login: { limit: 2, windowSeconds: 60 },
    register: null,
    refreshSession: { limit: 5, windowSeconds: 60 },
    lockSeats: { limit: 3, windowSeconds: 10 },
    lockBestSeats: { limit: 3, windowSeconds: 10 },
    checkout: { limit: 3, windowSeconds: 10 },
  };
  const ada = { clientAddress: '203.0.113.1', identity: { userId: 'ada', role: 'USER' as const } };
  const bob = { clientAddress: '203.0.113.1', identity: { userId: 'bob', role: 'USER' as const } };
  const refusal = async (promise: Promise<void>) => {
    const error = await promise.then(
      () => undefined,
      (err: unknown) => err,
    );
    if (!(error instanceof GraphQLError)) return undefined;
    return { code: error.extensions.code, retryAfterSeconds: error.extensions.retryAfterSeconds };
  };

  it('limits sign-ins per client address, whoever is signed in', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore({ log, now: () => 30_000 }), limits);
    await limiter.check(new Map([['login', 1]]), ada);
    await limiter.check(new Map([['login', 1]]), bob);
    expect(await refusal(limiter.check(new Map([['login', 1]]), { ...ada, identity: null }))).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
    await limiter.check(new Map([['login', 1]]), { ...ada, clientAddress: '203.0.113.2' });
  });

  it('limits seat operations per user, not per address', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore({ log, now: () => 0 }), limits);
    expect(await refusal(limiter.check(new Map([['lockSeats', 4]]), ada))).toMatchObject({ code: 'RATE_LIMITED' });
    await limiter.check(new Map([['lockSeats', 3]]), bob);
    expect(await refusal(limiter.check(new Map([['checkout', 1]]), ada))).toBeUndefined();
  });

  it('refuses a document whose several limited fields together exceed a limit', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore({ log, now: () => 0 }), limits);
    expect(await refusal(limiter.check(new Map([['login', 3]]), ada))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('leaves switched-off and unlisted operations alone', async () => {
    const limiter = new RateLimiter(new MemoryRateLimitStore({ log, now: () => 0 }), limits);
    await limiter.check(
      new Map([
        ['register', 1000],
        ['logout', 1000],
        ['releaseSeats', 1000],
      ]),
      ada,
    );
  });
});
