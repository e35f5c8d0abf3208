/**
 * `pnpm bench:gateway`: what the gateway costs on top of a subgraph, side by
 * side in one run. The same operation is sent, by the same load generator,
 *
 *   - straight to the subgraph that answers it (with a gateway token),
 *   - through a plain @apollo/gateway + @apollo/server (standalone, default
 *     data sources, only the token header added),
 *   - through Hive Gateway (@graphql-hive/gateway's runtime on node:http,
 *     its defaults, only the token header added; it also carries a
 *     signed-in caller's identity, see `startHiveGateway`), once as it
 *     comes and once ("hive unsh") with its sharing of identical subgraph
 *     fetches in flight off, and
 *   - through this platform's gateway, once as configured by default and
 *     once with GATEWAY_SHARE_INFLIGHT=false: the clients all send the same
 *     anonymous query, which the default gateway answers with one execution
 *     per batch in flight, so the unshared row is the per-request cost
 *     (Hive's defaults share identical subgraph fetches in flight, not
 *     whole requests),
 *
 * and the throughput of each gateway is printed as a share of the direct
 * call's (for the browse and bookings rows: of the one-fetch `show(id)`).
 * The gateways and the platform run in this process with
 * NODE_ENV=production, embedded (PGlite, in-process bus) or, with
 * `--postgres` and `--nats`, on a fresh database and stream prefix there
 * (dropped afterwards); the load comes from a child process. Embedded,
 * PGlite's cost per query dominates every target alike; Postgres shows the
 * gateway's own share better.
 *
 *   pnpm bench:gateway [--seconds 5] [--concurrency 10] [--max-requests 20000]
 *                      [--cases show,browse,...] [--targets hive,unshared,...] (the subgraph row always runs)
 *                      [--postgres postgres://postgres@127.0.0.1:5432/postgres --nats nats://127.0.0.1:4222]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { AccessTokenVerifier, GatewayTokenSigner, Logger } from '../platform/src/index.js';
import { bounded, printResult, row, runLoad, stats, type LoadJob } from './support/load.js';

interface Case {
  name: string;
  /** What the direct call sends to the subgraph, and to which one. */
  subgraph: string;
  direct: string;
  /** What a client sends to a gateway. */
  client: string;
  expect: string;
  /** What the direct call's answer contains, when it is not `expect` (a baseline of another shape). */
  directExpect?: string;
  /** A signed-in caller: the direct call carries their gateway token, the gateways their access token. */
  caller?: { userId: string; accessToken: string };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '10' },
      'max-requests': { type: 'string', default: '20000' },
      cases: { type: 'string' },
      targets: { type: 'string' },
      postgres: { type: 'string' },
      nats: { type: 'string' },
    },
  });
  process.env.NODE_ENV = 'production';
  const limits = {
    durationMs: bounded(Number(values.seconds), 1, 60) * 1000,
    concurrency: bounded(Number(values.concurrency), 1, 200),
    maxRequests: bounded(Number(values['max-requests']), 1, 1_000_000),
    timeoutMs: 60_000,
  };
  const { createLogger, loadConfig, loadKeyRing, AccessTokenVerifier, GatewayTokenSigner, gatewayTokenHeader } =
    await import('../platform/src/index.js');
  const { startGatewayOn, startStack } = await import('../stack/src/stack.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-bench-'));
  const tag = randomBytes(4).toString('hex');
  const { createServices } = await import('../stack/test/support/services.js');
  const services = values.postgres || values.nats ? await createServices(tag, values.postgres, values.nats) : undefined;
  const admin = { email: 'bench@seats.local', password: randomBytes(12).toString('base64url') };
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SEED: 'never',
    ...(services ? { DATABASE_URL: services.databaseUrl, NATS_URL: services.natsUrl, BUS_PREFIX: `t${tag}` } : {}),
    ...Object.fromEntries(['LOGIN', 'REGISTER'].map((op) => [`RATE_LIMIT_${op}`, 'off'])),
  });
  const stack = await startStack({ config, log: createLogger('bench', config.logLevel), randomPorts: true });
  const signer = new GatewayTokenSigner(await loadKeyRing('gateway', config.gatewayTokenKeys, config.keysDir));
  const plain = await startPlainGateway(stack.subgraphs, signer, gatewayTokenHeader);
  const verifier = new AccessTokenVerifier(
    (await loadKeyRing('access', config.accessTokenKeys, config.keysDir)).publicJwks,
    { issuer: config.tokenIssuer, audience: config.tokenAudience },
  );
  const hive = await startHiveGateway(
    stack.subgraphs,
    signer,
    gatewayTokenHeader,
    verifier,
    createLogger('bench', 'warn'),
    true,
  );
  // Hive with its in-flight sharing of subgraph fetches off, beside the platform's unshared gateway.
  const hiveUnshared = await startHiveGateway(
    stack.subgraphs,
    signer,
    gatewayTokenHeader,
    verifier,
    createLogger('bench', 'warn'),
    false,
  );
  // A second platform gateway on the same subgraphs and keys, sharing nothing in flight.
  const unshared = await startGatewayOn(stack, { ...config, shareInflight: false }, createLogger('bench', 'warn'), 0);
  try {
    const gatewayUrl = `${stack.gatewayUrl}/graphql`;
    const only = (list: string | undefined) => (name: string) => !list || list.split(',').includes(name);
    const cases = (await prepare(gatewayUrl, admin)).filter((c) => only(values.cases)(c.name));
    console.log(
      `\n${limits.concurrency} concurrent clients, ${limits.durationMs / 1000} s or ${limits.maxRequests} requests per run, ` +
        `after a warm-up; NODE_ENV=production, one process, ${services ? 'Postgres and NATS' : 'embedded (PGlite)'}\n`,
    );
    console.log(row('case', 'target', 'requests', 'errors', 'p50 ms', 'p99 ms', 'req/s', 'share'));
    for (const c of cases) {
      const direct = stack.subgraphs[c.subgraph as keyof typeof stack.subgraphs]?.url ?? '';
      const identity = c.caller ? { userId: c.caller.userId, role: 'USER' as const } : null;
      const headers = { [gatewayTokenHeader]: await signer.sign(identity, c.subgraph) };
      const bearer = c.caller ? { authorization: `Bearer ${c.caller.accessToken}` } : undefined;
      const targets: Array<[string, Omit<LoadJob, 'concurrency' | 'durationMs' | 'maxRequests' | 'timeoutMs'>]> = [
        ['subgraph', { url: direct, body: c.direct, headers, expect: c.directExpect ?? c.expect }],
        // The plain gateway here signs every call as anonymous: it has no row for signed-in cases.
        ...(c.caller ? [] : ([['apollo', { url: plain.url, body: c.client, expect: c.expect }]] as typeof targets)),
        ['hive', { url: hive.url, body: c.client, headers: bearer, expect: c.expect }],
        ['hive unsh', { url: hiveUnshared.url, body: c.client, headers: bearer, expect: c.expect }],
        ['seats', { url: gatewayUrl, body: c.client, headers: bearer, expect: c.expect }],
        ['unshared', { url: `${unshared.url}/graphql`, body: c.client, headers: bearer, expect: c.expect }],
      ];
      let base = NaN;
      for (const [target, job] of targets.filter(([target]) => target === 'subgraph' || only(values.targets)(target))) {
        await runLoad({ ...job, ...limits, durationMs: 1000, maxRequests: 200 });
        const result = await runLoad({ ...job, ...limits });
        if (target === 'subgraph') base = stats(result).perSecond;
        printResult(c.name, target, result, (perSecond) =>
          target === 'subgraph' ? '1' : `1/${(base / perSecond).toFixed(1)}`,
        );
      }
    }
  } finally {
    await plain.stop();
    await hive.stop();
    await hiveUnshared.stop();
    await unshared.dispose();
    await stack.dispose();
    await services?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Loads the demo data and picks the operations: a small one, the
 * 10,000-seat map, a nested browse (movies, their shows and each show's
 * free seats: one fetch per subgraph level, batched there), and a
 * signed-in user's bookings with their shows, movies and seats. The browse
 * and bookings rows are measured against the one-fetch `show(id)` sent
 * straight to the shows subgraph, so their share reads as that ratio.
 */
async function prepare(url: string, admin: { email: string; password: string }): Promise<Case[]> {
  const { loadDemoData, demoScreenings } = await import('./support/demo.js');
  const { graphqlRequest } = await import('../stack/src/client.js');
  await loadDemoData(url, admin);
  const { first: small, grandHall: hall } = await demoScreenings(url);
  const seat = 'id label row number category status price { amount currency } x y accessible';
  const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  const oneFetch = body('query Show($id: ID!) { show(id: $id) { id kind startsAt } }', { id: small });
  const caller = await customerWithBookings(url, small, graphqlRequest);
  return [
    {
      name: 'show',
      subgraph: 'shows',
      direct: oneFetch,
      client: oneFetch,
      expect: '"startsAt"',
    },
    {
      name: 'seat map',
      subgraph: 'bookings',
      direct: body(
        `query Map($r: [_Any!]!) { _entities(representations: $r) { ... on Show { seatMap { version seats { ${seat} } } } } }`,
        { r: [{ __typename: 'Show', id: hall }] },
      ),
      client: body(`query Map($id: ID!) { show(id: $id) { seatMap { version seats { ${seat} } } } }`, { id: hall }),
      expect: '"seatMap"',
    },
    {
      name: 'browse',
      subgraph: 'shows',
      direct: oneFetch,
      client: body(
        'query Browse { movies(first: 5) { edges { node { title shows { id startsAt seatsFree } } } } }',
        {},
      ),
      expect: '"seatsFree"',
      directExpect: '"startsAt"',
    },
    {
      name: 'my bookings',
      subgraph: 'shows',
      direct: oneFetch,
      client: body(
        'query Mine { me { bookings(first: 10) { edges { node { status show { startsAt movie { title } } seats { code status } } } } } }',
        {},
      ),
      expect: '"bookings"',
      directExpect: '"startsAt"',
      caller,
    },
  ];
}

type Request = <T>(url: string, query: string, variables?: Record<string, unknown>, token?: string) => Promise<T>;

/** A registered user with three confirmed bookings of two seats each on the show. */
async function customerWithBookings(
  url: string,
  showId: string,
  request: Request,
): Promise<{ userId: string; accessToken: string }> {
  const { randomBytes } = await import('node:crypto');
  const { register } = await request<{ register: { accessToken: string; user: { id: string } } }>(
    url,
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }',
    {
      input: {
        email: `bench-${randomBytes(4).toString('hex')}@seats.local`,
        password: randomBytes(12).toString('base64url'),
        name: 'Bench Buyer',
      },
    },
  );
  const map = await request<{ show: { seatMap: { seats: Array<{ code: string; status: string }> } } }>(
    url,
    'query($id: ID!) { show(id: $id) { seatMap { seats { code status } } } }',
    { id: showId },
  );
  const free = map.show.seatMap.seats.filter((s) => s.status === 'AVAILABLE').map((s) => s.code);
  for (let i = 0; i < 3; i++) {
    const { lockSeats } = await request<{ lockSeats: { id: string } }>(
      url,
      'mutation($input: LockSeatsInput!) { lockSeats(input: $input) { id } }',
      { input: { showId, seatIds: free.slice(2 * i, 2 * i + 2) } },
      register.accessToken,
    );
    await request(
      url,
      'mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }',
      {
        input: {
          holdId: lockSeats.id,
          paymentMethod: { token: 'tok_visa' },
          idempotencyKey: `bench-${randomBytes(6).toString('hex')}`,
        },
      },
      register.accessToken,
    );
  }
  return { userId: register.user.id, accessToken: register.accessToken };
}

/** @apollo/gateway as its documentation sets it up, with only the token header added. */
async function startPlainGateway(
  subgraphs: Partial<Record<string, { url: string }>>,
  signer: { sign(identity: null, subgraph: string): Promise<string> },
  header: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const { loadSupergraph } = await import('../gateway/src/supergraph.js');
  class Signed extends RemoteGraphQLDataSource {
    constructor(
      url: string,
      private readonly subgraph: string,
    ) {
      super({ url });
    }
    override async willSendRequest({ request }: GraphQLDataSourceProcessOptions) {
      request.http?.headers.set(header, await signer.sign(null, this.subgraph));
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(),
    buildService: ({ name }) => new Signed(subgraphs[name]?.url ?? '', name),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

/**
 * Hive Gateway as its documentation sets it up in code: the runtime of
 * @graphql-hive/gateway with the same supergraph, the subgraphs' addresses
 * as transport entries, and the gateway token added by its documented hook
 * for per-subgraph request headers (`propagateHeaders.fromClientToSubgraphs`).
 * Like the platform, it proves a signed-in caller to each subgraph: the hook
 * reads `Authorization` with the platform's own check (`identityOf`) and
 * signs for that caller; a bad token fails the subgraph calls, where the
 * platform refuses the request as a whole. Hive's defaults are kept
 * otherwise (no response cache, no other plugins), and one of them shares
 * work in flight: identical subgraph fetches that run at once (same URL,
 * body and headers; queries only) are sent once (`deduplicateInflightRequests`
 * of @graphql-tools/executor-http, on by default). Incoming requests are not
 * shared (`inboundInflightRequestDeduplication` is off by default): each is
 * parsed, validated, planned and executed on its own.
 */
async function startHiveGateway(
  subgraphs: Partial<Record<string, { url: string }>>,
  signer: GatewayTokenSigner,
  header: string,
  verifier: AccessTokenVerifier,
  log: Logger,
  shareSubgraphFetches: boolean,
): Promise<{ url: string; stop(): Promise<void> }> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const { listen } = await import('../platform/src/index.js');
  const { identityOf } = await import('../gateway/src/context.js');
  const { loadSupergraph } = await import('../gateway/src/supergraph.js');
  const gateway = createGatewayRuntime({
    supergraph: loadSupergraph(),
    transportEntries: Object.fromEntries(
      Object.entries(subgraphs).map(([name, subgraph]) => [
        name,
        {
          location: subgraph?.url ?? '',
          ...(shareSubgraphFetches ? {} : { options: { deduplicateInflightRequests: false } }),
        },
      ]),
    ),
    // Warnings and errors only, as the platform's gateways here (LOG_LEVEL=warn).
    logging: 'warn',
    propagateHeaders: {
      async fromClientToSubgraphs({ request, subgraphName }) {
        const authorization = request.headers.get('authorization');
        const identity = authorization ? await identityOf(authorization, verifier) : null;
        if (identity === 'malformed' || identity === 'invalid') throw new Error(`the access token is ${identity}`);
        return { [header]: await signer.sign(identity, subgraphName) };
      },
    },
  });
  const server = await listen(gateway.requestListener, 0, '127.0.0.1', log);
  return {
    url: `${server.url}/graphql`,
    stop: async () => {
      await server.dispose();
      await gateway.dispose();
    },
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
