/**
 * The security suite: every attack goes through the real gateway (or straight
 * at a subgraph, to show that path is shut), and after each the database
 * holds exactly what it held before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { graphql } from './generated/index.js';
import {
  GatewayTokenSigner,
  gatewayIssuer,
  gatewayTokenHeader,
  loadKeyRing,
  sql,
  subgraphAudience,
  subgraphNames,
  type SubgraphName,
} from '@seats/platform';
import { modes, startTestStack, waitFor, type TestStack, type TestUser } from './support/harness.js';
import { codes, findScreening } from './support/builders.js';
import {
  BookingDocument,
  CancelBookingDocument,
  CheckoutDocument,
  LockSeatsDocument,
  MyBookingsDocument,
  ReleaseSeatsDocument,
} from './support/documents.js';
import {
  bearer,
  ed25519,
  firstCode,
  from,
  hs256,
  jwt,
  newKey,
  segment,
  send,
  settledSnapshot,
  snapshot as snapshotOf,
  startSecondGateway,
  type PrivateJwk,
} from './support/security.js';

const login = graphql(`
  mutation SecurityLogin($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
    }
  }
`);
const refresh = graphql(`
  mutation SecurityRefresh($token: String!) {
    refreshSession(refreshToken: $token) {
      refreshToken
    }
  }
`);
const me = graphql(`
  query SecurityMe {
    me {
      id
      role
    }
  }
`);
const holdById = graphql(`
  query SecurityHold($id: ID!) {
    hold(id: $id) {
      id
    }
  }
`);
const firstOfEach = graphql(`
  query SecurityCatalog {
    movies(first: 1) {
      edges {
        node {
          id
        }
      }
    }
    venues {
      screens {
        id
      }
    }
    trains(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);
const screensOfShows = graphql(`
  query SecurityShowScreens {
    movies(first: 20) {
      edges {
        node {
          shows {
            id
            screen {
              seatCount
            }
          }
        }
      }
    }
  }
`);
const bigSeatMap = graphql(`
  query SecurityBigSeatMap($id: ID!) {
    show(id: $id) {
      seatMap {
        seats {
          id
          label
          row
          number
          category
          status
          price {
            amount
            currency
          }
          x
          y
        }
      }
    }
  }
`);

/** A JWT's decoded header or claims. */
type Decoded = Record<string, unknown> & { exp: number; iat: number };

describe.each(modes)('security through the gateway (%s)', (mode) => {
  const current = newKey();
  const previous = newKey();
  let t: TestStack;
  let user: TestUser;

  const snapshot = () => snapshotOf(t);
  const settled = () => settledSnapshot(t);
  /** Valid access-token claims for `who`; each test spoils exactly one thing. */
  const claims = (who: TestUser, role = 'USER') => {
    const now = Math.floor(Date.now() / 1000);
    const { tokenIssuer, tokenAudience } = t.stack.config;
    return { sub: who.userId, role, iss: tokenIssuer, aud: tokenAudience, jti: randomUUID(), iat: now, exp: now + 300 };
  };
  const header = (key: PrivateJwk) => ({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' });

  beforeAll(async () => {
    t = await startTestStack(mode, {
      seed: true,
      env: {
        // The current key signs; the previous one still verifies (a rotation in progress).
        ACCESS_TOKEN_KEYS: JSON.stringify([current, previous]),
        // As if behind one proxy: each rate-limit test then speaks from its own address.
        TRUST_PROXY_HOPS: '1',
        // Low enough that one document can exceed it (aliases are capped at 15).
        RATE_LIMIT_LOCK_SEATS: '5/60',
      },
    });
    user = await t.register('Mallory');
    await waitFor(() => findScreening(t).catch(() => null), 20_000, 200);
  });
  afterAll(() => t?.dispose());

  describe('access tokens', () => {
    it('signs with the newest key, still accepts the previous one, and publishes both', async () => {
      const [head, body] = user.token
        .split('.')
        .slice(0, 2)
        .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Decoded) as [Decoded, Decoded];
      expect(head).toEqual({ alg: 'EdDSA', kid: current.kid, typ: 'at+jwt' });
      const { tokenIssuer, tokenAudience, accessTokenTtlSeconds } = t.stack.config;
      expect(body).toMatchObject({ sub: user.userId, role: 'USER', iss: tokenIssuer, aud: tokenAudience });
      expect(body.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.exp - body.iat).toBe(accessTokenTtlSeconds);
      const old = jwt(header(previous), claims(user), ed25519(previous));
      expect((await t.gql(me, {}, old)).data).toEqual({ me: { id: user.userId, role: 'USER' } });
      const jwks = (await (await fetch(`${t.baseUrl}/.well-known/jwks.json`)).json()) as {
        keys: Array<{ kid: string; x?: string; d?: string }>;
      };
      expect(jwks.keys.map((k) => k.kid)).toEqual([current.kid, previous.kid]);
      expect(jwks.keys.every((k) => k.x && !('d' in k))).toBe(true);
    });

    it('tolerates 5 seconds of clock skew on expiry, no more', async () => {
      const skewed = (seconds: number) => {
        const c = claims(user);
        return jwt(header(current), { ...c, exp: c.iat - seconds }, ed25519(current));
      };
      expect((await t.gql(me, {}, skewed(2))).data?.me?.id).toBe(user.userId);
      expect(codes(await t.gql(me, {}, skewed(30)))).toEqual(['UNAUTHENTICATED']);
    });

    const stranger = newKey();
    const forgeries: Array<[string, (admin: object) => string]> = [
      [
        'a tampered payload (USER changed to ADMIN)',
        (c) => {
          const [, , signature] = jwt(header(current), { ...c, role: 'USER' }, ed25519(current)).split('.');
          return `${segment(header(current))}.${segment(c)}.${signature}`;
        },
      ],
      ['a signature by another key under the real kid', (c) => jwt(header(current), c, ed25519(stranger))],
      ['alg none', (c) => jwt({ alg: 'none', kid: current.kid, typ: 'at+jwt' }, c, () => '')],
      ['the wrong audience', (c) => jwt(header(current), { ...c, aud: 'urn:seats:other' }, ed25519(current))],
      ['the wrong issuer', (c) => jwt(header(current), { ...c, iss: 'urn:seats:evil' }, ed25519(current))],
      [
        'an expired token',
        (c) => jwt(header(current), { ...c, exp: Math.floor(Date.now() / 1000) - 60 }, ed25519(current)),
      ],
      ['an unknown key with its own kid', (c) => jwt(header(stranger), c, ed25519(stranger))],
      [
        'HS256 keyed with the public key',
        (c) => {
          const pem = createPublicKey(createPrivateKey({ key: current, format: 'jwk' })).export({
            format: 'pem',
            type: 'spki',
          });
          return jwt({ alg: 'HS256', kid: current.kid, typ: 'at+jwt' }, c, hs256(pem));
        },
      ],
      [
        'HS256 keyed with the public JWK',
        (c) => {
          const { d: _d, ...publicJwk } = current;
          return jwt({ alg: 'HS256', kid: current.kid }, c, hs256(JSON.stringify(publicJwk)));
        },
      ],
    ];

    it.each(forgeries)('refuses %s, for queries and admin mutations alike', async (_, forge) => {
      const before = await settled();
      const token = forge(claims(user, 'ADMIN'));
      const query = await send(t.url, me, {}, bearer(token));
      expect([query.status, firstCode(query), query.body.data?.me]).toEqual([401, 'UNAUTHENTICATED', undefined]);
      const mutation = await send(
        t.url,
        `mutation { createMovie(input: { title: "Forged", durationMinutes: 90 }) { id } }`,
        {},
        bearer(token),
      );
      expect([mutation.status, firstCode(mutation)]).toEqual([401, 'UNAUTHENTICATED']);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a gateway token offered as an access token', async () => {
      const ring = await loadKeyRing('gateway', t.stack.config.gatewayTokenKeys, t.stack.config.keysDir);
      const token = await new GatewayTokenSigner(ring).sign({ userId: user.userId, role: 'ADMIN' }, 'users');
      expect(codes(await t.gql(me, {}, token))).toEqual(['UNAUTHENTICATED']);
    });
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const victim = await t.register('Victim');
    const rotated = await t.gql(refresh, { token: victim.refreshToken });
    const next = rotated.data!.refreshSession.refreshToken;
    const before = await settled();
    expect(codes(await t.gql(refresh, { token: victim.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(refresh, { token: next }))).toEqual(['UNAUTHENTICATED']);
    const [live] = await t.query<{ n: number }>(
      'users',
      sql`select count(*)::int as n from users.refresh_tokens where user_id = ${victim.userId} and revoked_at is null`,
    );
    expect(live!.n).toBe(0);
    const after = await snapshot();
    expect({ ...after, 'users.refresh_tokens retired': 0 }).toEqual({ ...before, 'users.refresh_tokens retired': 0 });
    expect(after['users.refresh_tokens retired']).toBe(before['users.refresh_tokens retired']! + 1);
  });

  describe('subgraphs', () => {
    const subgraphUrl = (name: SubgraphName) => t.stack.subgraphs[name]!.url;
    const gatewayRing = () => loadKeyRing('gateway', t.stack.config.gatewayTokenKeys, t.stack.config.keysDir);
    const lockSeats = `mutation { lockSeats(input: { showId: "${randomUUID()}", seatIds: ["A1"] }) { id } }`;

    it('refuses a direct call with a valid access token, on every subgraph', async () => {
      const before = await settled();
      for (const name of subgraphNames) {
        const sent = await send(subgraphUrl(name), lockSeats, {}, bearer(user.token));
        expect([name, sent.status, firstCode(sent)]).toEqual([name, 401, 'UNAUTHENTICATED']);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a forged, expired or misaddressed gateway token, and the access token in its place', async () => {
      const stranger = newKey();
      const ring = await gatewayRing();
      const now = Math.floor(Date.now() / 1000);
      const gatewayClaims = {
        sub: user.userId,
        role: 'ADMIN',
        iss: gatewayIssuer,
        aud: subgraphAudience('bookings'),
        iat: now,
        exp: now + 60,
      };
      const tokens = {
        forged: jwt({ alg: 'EdDSA', kid: ring.signer.kid }, gatewayClaims, ed25519(stranger)),
        expired: jwt({ alg: 'EdDSA', kid: stranger.kid }, { ...gatewayClaims, exp: now - 60 }, ed25519(stranger)),
        'for users': await new GatewayTokenSigner(ring).sign({ userId: user.userId, role: 'ADMIN' }, 'users'),
        'an access token': user.token,
      };
      const before = await settled();
      for (const [what, token] of Object.entries(tokens)) {
        const sent = await send(subgraphUrl('bookings'), lockSeats, {}, { [gatewayTokenHeader]: token });
        expect([what, sent.status, firstCode(sent)]).toEqual([what, 401, 'UNAUTHENTICATED']);
      }
      expect(await snapshot()).toEqual(before);
      // The same call with a gateway token for bookings gets through (and finds no such hold).
      const own = await new GatewayTokenSigner(ring).sign({ userId: user.userId, role: 'USER' }, 'bookings');
      const allowed = await send(
        subgraphUrl('bookings'),
        `{ hold(id: "${randomUUID()}") { id } }`,
        {},
        {
          [gatewayTokenHeader]: own,
        },
      );
      expect([allowed.status, allowed.body.data]).toEqual([200, { hold: null }]);
    });

    it('does not let a client send _entities or _service through the gateway', async () => {
      const entities = await t.gql(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }`,
        { r: [{ __typename: 'User', id: user.userId }] },
        user.token,
      );
      expect(codes(entities)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(codes(await t.gql(`{ _service { sdl } }`, {}, user.token))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });
  });

  describe('authorization', () => {
    let showId: string;
    let seatIds: string[];
    let movieId: string;
    let screenId: string;
    let trainId: string;

    beforeAll(async () => {
      ({ showId, seatIds } = await findScreening(t));
      const catalog = (await t.gql(firstOfEach)).data!;
      movieId = catalog.movies.edges[0]!.node.id;
      screenId = catalog.venues[0]!.screens[0]!.id;
      trainId = catalog.trains.edges[0]!.node.id;
    });

    const tomorrow = () => new Date(Math.ceil((Date.now() + 86_400_000) / 3_600_000) * 3_600_000).toISOString();
    const adminMutations: Array<[string, string, () => Record<string, unknown>]> = [
      ['createMovie', 'CreateMovieInput', () => ({ title: 'Not Yours', durationMinutes: 90 })],
      [
        'createVenue',
        'CreateVenueInput',
        () => ({
          name: 'Rogue Cinema',
          city: 'Nowhere',
          address: '1 Back Alley',
          screens: [{ name: 'One', rows: [{ row: 'A', from: 1, to: 4, category: 'STANDARD' }] }],
        }),
      ],
      [
        'createTrain',
        'CreateTrainInput',
        () => ({
          number: 'X 1',
          name: 'Rogue Express',
          route: [
            { stationName: 'Here', departsAfterMinutes: 0 },
            { stationName: 'There', arrivesAfterMinutes: 30 },
          ],
          coaches: [{ travelClass: 'SECOND', rows: 2 }],
        }),
      ],
      [
        'scheduleScreening',
        'ScheduleScreeningInput',
        () => ({
          movieId,
          screenId,
          startsAt: tomorrow(),
          prices: [{ category: 'STANDARD', amount: 1 }],
        }),
      ],
      [
        'scheduleTrip',
        'ScheduleTripInput',
        () => ({
          trainId,
          departsAt: tomorrow(),
          prices: [{ category: 'SECOND', amount: 1 }],
        }),
      ],
    ];

    it.each(adminMutations)(
      'refuses %s to a user (FORBIDDEN) and to nobody (UNAUTHENTICATED)',
      async (name, type, input) => {
        const before = await settled();
        const mutation = `mutation ($input: ${type}!) { ${name}(input: $input) { __typename } }`;
        expect(codes(await t.gql(mutation, { input: input() }, user.token))).toEqual(['FORBIDDEN']);
        expect(codes(await t.gql(mutation, { input: input() }))).toEqual(['UNAUTHENTICATED']);
        expect(await snapshot()).toEqual(before);
      },
    );

    it("keeps a user's holds and bookings from everybody but their owner and admins", async () => {
      const [alice, bob] = await Promise.all([t.register('Alice'), t.register('Bob')]);
      const held = await t.gql(LockSeatsDocument, { input: { showId, seatIds: seatIds.slice(60, 62) } }, alice.token);
      const paid = await t.gql(
        CheckoutDocument,
        {
          input: {
            holdId: held.data!.lockSeats.id,
            paymentMethod: { token: 'tok_visa' },
            idempotencyKey: randomUUID(),
          },
        },
        alice.token,
      );
      const bookingId = paid.data!.checkout.id;
      expect(paid.data!.checkout.status).toBe('CONFIRMED');
      const open = await t.gql(LockSeatsDocument, { input: { showId, seatIds: seatIds.slice(62, 63) } }, alice.token);
      const holdId = open.data!.lockSeats.id;
      const before = await settled();

      expect((await t.gql(BookingDocument, { id: bookingId }, bob.token)).data?.booking).toBeNull();
      expect((await t.gql(BookingDocument, { id: bookingId })).data?.booking).toBeNull();
      expect((await t.gql(holdById, { id: holdId }, bob.token)).data?.hold).toBeNull();
      expect(codes(await t.gql(CancelBookingDocument, { id: bookingId }, bob.token))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(ReleaseSeatsDocument, { holdId }, bob.token))).toEqual(['FORBIDDEN']);
      const stolen = { holdId, paymentMethod: { token: 'tok_visa' }, idempotencyKey: randomUUID() };
      expect(codes(await t.gql(CheckoutDocument, { input: stolen }, bob.token))).toEqual(['FORBIDDEN']);
      expect((await t.gql(MyBookingsDocument, {}, bob.token)).data?.me?.bookings.edges).toEqual([]);
      expect(await snapshot()).toEqual(before);

      // The owner and an admin do see them.
      expect((await t.gql(BookingDocument, { id: bookingId }, alice.token)).data?.booking?.user.id).toBe(alice.userId);
      expect((await t.gql(BookingDocument, { id: bookingId }, await t.adminToken())).data?.booking?.id).toBe(bookingId);
      const mine = await t.gql(MyBookingsDocument, {}, alice.token);
      expect(mine.data?.me?.bookings.edges.map((e) => e.node.id)).toEqual([bookingId]);
    });
  });

  describe('query limits', () => {
    const refused = async (query: string, code: string) => {
      const before = await settled();
      const sent = await send(t.url, query, {}, bearer(user.token));
      expect([sent.status, firstCode(sent), sent.body.data]).toEqual([400, code, undefined]);
      expect(await snapshot()).toEqual(before);
    };

    it('refuses a query nested deeper than the limit', () =>
      refused(
        `{ me { bookings { edges { node { show { movie { shows { movie { shows { movie { title } } } } } } } } } } }`,
        'GRAPHQL_VALIDATION_FAILED',
      ));

    it('refuses an alias bomb, of queries or of sign-ins', async () => {
      const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
      await refused(`{ ${aliases(100, 'me { id }')} }`, 'GRAPHQL_VALIDATION_FAILED');
      const signIn = 'login(input: { email: "x@example.com", password: "guess-guess" }) { accessToken }';
      await refused(`mutation { ${aliases(16, signIn)} }`, 'GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses a document of too many tokens before building it', () =>
      refused(`{ me { ${'id '.repeat(1200)} } }`, 'GRAPHQL_PARSE_FAILED'));

    it('refuses a query that would cost too much', () =>
      refused(
        `{ movies(first: 100) { edges { node { shows { seatMap { seats { id status price { amount } } } } } } } }`,
        'GRAPHQL_VALIDATION_FAILED',
      ));

    it('refuses a pile of directives', () =>
      refused(`{ me { ${'id @include(if: true) '.repeat(21)} } }`, 'GRAPHQL_VALIDATION_FAILED'));

    it('refuses an oversized body without reading it all', async () => {
      const before = await settled();
      const sent = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ me { id } }`, variables: { padding: 'x'.repeat(300 * 1024) } }),
      });
      expect(sent.status).toBe(413);
      expect(await snapshot()).toEqual(before);
    });

    it("lets legitimate documents through: GraphiQL's introspection and a 10,000-seat map", async () => {
      const schema = await t.gql<IntrospectionQuery>(
        getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }),
      );
      expect(schema.errors).toBeUndefined();
      expect(schema.data!.__schema.queryType.name).toBe('Query');
      const shows = await t.gql(screensOfShows);
      const grand = shows.data!.movies.edges.flatMap((e) => e.node.shows).find((s) => s.screen?.seatCount === 10_000);
      const map = await t.gql(bigSeatMap, { id: grand!.id }, user.token);
      expect(map.errors).toBeUndefined();
      expect(map.data!.show!.seatMap.seats).toHaveLength(10_000);
    });
  });

  describe('rate limits', () => {
    const attempt = (address: string, email: string, password: string, url = t.url) =>
      send(url, login, { input: { email, password } }, from(address));

    /** Wrong passwords from one address until RATE_LIMITED; returns that answer and how many got through. */
    const bruteForce = async (address: string, victim: TestUser, url = t.url) => {
      const { limit } = t.stack.config.rateLimits.login!;
      // Up to two windows' worth: a window may end in the middle of the run.
      for (let tries = 0; tries <= 2 * limit; tries++) {
        const sent = await attempt(address, victim.email, `${victim.password}-wrong`, url);
        if (firstCode(sent) === 'RATE_LIMITED') return { sent, tries };
        expect(firstCode(sent)).toBe('UNAUTHENTICATED');
      }
      throw new Error('never rate limited');
    };

    it('stops a brute-force login with RATE_LIMITED and retryAfterSeconds, even for the right password', async () => {
      const victim = await t.register('Victim');
      const before = await settled();
      const { sent, tries } = await bruteForce('203.0.113.10', victim);
      const { limit, windowSeconds } = t.stack.config.rateLimits.login!;
      expect(tries).toBeGreaterThanOrEqual(limit);
      expect(sent.status).toBe(429);
      const retryAfter = sent.body.errors![0]!.extensions!.retryAfterSeconds;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
      expect(sent.retryAfter).toBe(String(retryAfter));
      expect(firstCode(await attempt('203.0.113.10', victim.email, victim.password))).toBe('RATE_LIMITED');
      expect(await snapshot()).toEqual(before);
      // The limit is per address: the owner, elsewhere, still signs in.
      expect((await attempt('198.51.100.20', victim.email, victim.password)).body.data?.login.accessToken).toBeTruthy();
    });

    it('counts aliased sign-ins one by one, so aliases cannot multiply guesses', async () => {
      const before = await settled();
      const { limit } = t.stack.config.rateLimits.login!;
      const guesses = Array.from(
        { length: limit + 1 },
        (_, i) => `g${i}: login(input: { email: "${user.email}", password: "guess-${i}-guess" }) { accessToken }`,
      );
      const sent = await send(t.url, `mutation { ${guesses.join(' ')} }`, {}, from('203.0.113.30'));
      expect([sent.status, firstCode(sent), sent.body.data]).toEqual([429, 'RATE_LIMITED', undefined]);
      expect(await snapshot()).toEqual(before);
    });

    it('limits lockSeats per user, not per address', async () => {
      const [carol, dave] = await Promise.all([t.register('Carol'), t.register('Dave')]);
      const before = await settled();
      const { limit } = t.stack.config.rateLimits.lockSeats!;
      const grab = (i: number) => `h${i}: lockSeats(input: { showId: "${randomUUID()}", seatIds: ["A${i}"] }) { id }`;
      const many = `mutation { ${Array.from({ length: limit + 1 }, (_, i) => grab(i)).join(' ')} }`;
      expect(firstCode(await send(t.url, many, {}, bearer(carol.token)))).toBe('RATE_LIMITED');
      expect(firstCode(await send(t.url, `mutation { ${grab(0)} }`, {}, bearer(carol.token)))).toBe('RATE_LIMITED');
      expect(firstCode(await send(t.url, `mutation { ${grab(0)} }`, {}, bearer(dave.token)))).toBe('NOT_FOUND');
      expect(await snapshot()).toEqual(before);
    });

    it(
      mode === 'services'
        ? 'shares the counters of gateway instances on one Postgres'
        : 'keeps the counters of an embedded gateway in its own memory',
      async () => {
        const victim = await t.register('Victim');
        const second = await startSecondGateway(t);
        try {
          await bruteForce('203.0.113.40', victim);
          const there = await attempt(
            '203.0.113.40',
            victim.email,
            `${victim.password}-wrong`,
            `${second.url}/graphql`,
          );
          expect(firstCode(there)).toBe(mode === 'services' ? 'RATE_LIMITED' : 'UNAUTHENTICATED');
        } finally {
          await second.dispose();
        }
      },
    );
  });
});
