import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { ConfigError, loadConfig } from '@seats/platform';
import { startLoneGateway, type LoneGateway } from './support/lone-gateway.js';

const introspection = { query: getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }) };
const codes = (body: { errors?: Array<{ extensions?: { code?: string } }> }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

describe('the gateway in production', () => {
  let gateway: LoneGateway;
  beforeAll(async () => {
    gateway = await startLoneGateway({ NODE_ENV: 'production' });
  });
  afterAll(() => gateway?.dispose());

  it('serves no GraphiQL and sends browsers nowhere', async () => {
    expect((await fetch(`${gateway.url}/graphiql`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/graphiql/assets/graphiql.js`)).status).toBe(404);
    const browser = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).not.toBe(302);
  });

  it('refuses introspection', async () => {
    const { status, body } = await gateway.post(introspection);
    expect(status).toBe(400);
    expect(codes(body)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(body.data).toBeUndefined();
  });

  it('hides field suggestions that would map the schema out', async () => {
    const { body } = await gateway.post({ query: '{ movis(first: 1) { edges { cursor } } }' });
    expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|"movies"/);
  });
});

describe('the gateway in production with GraphiQL and introspection switched on', () => {
  let gateway: LoneGateway;
  beforeAll(async () => {
    gateway = await startLoneGateway({
      NODE_ENV: 'production',
      GRAPHIQL_ENABLED: 'true',
      INTROSPECTION_ENABLED: 'true',
    });
  });
  afterAll(() => gateway?.dispose());

  it('serves GraphiQL and answers its introspection query', async () => {
    expect((await fetch(`${gateway.url}/graphiql`)).status).toBe(200);
    const { status, body } = await gateway.post<IntrospectionQuery>(introspection);
    expect(status).toBe(200);
    expect(body.data!.__schema.queryType.name).toBe('Query');
  });
});

describe('the gateway in development', () => {
  let gateway: LoneGateway;
  beforeAll(async () => {
    gateway = await startLoneGateway({ MAX_QUERY_DEPTH: '3', MAX_BODY_BYTES: '8192' });
  });
  afterAll(() => gateway?.dispose());

  it("answers GraphiQL's introspection query, which the depth and cost limits exempt", async () => {
    const { status, body } = await gateway.post<IntrospectionQuery>(introspection);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.__schema.types.length).toBeGreaterThan(20);
  });

  it('suggests field names', async () => {
    const { body } = await gateway.post({ query: '{ movis(first: 1) { edges { cursor } } }' });
    expect(body.errors![0]!.message).toMatch(/Did you mean .*"movies"/);
  });

  it('applies the configured depth and body limits', async () => {
    const deep = await gateway.post({ query: '{ movies { edges { node { shows { id } } } } }' });
    expect([deep.status, codes(deep.body)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
    const big = await gateway.post({ query: `{ me { id } }${' '.repeat(9000)}` });
    expect(big.status).toBe(413);
  });
});

describe('the security configuration', () => {
  it('defaults to GraphiQL and introspection in development only, and to the documented rate limits', () => {
    const development = loadConfig({});
    expect([development.graphiqlEnabled, development.introspectionEnabled]).toEqual([true, true]);
    const production = loadConfig({ NODE_ENV: 'production' });
    expect([production.graphiqlEnabled, production.introspectionEnabled]).toEqual([false, false]);
    expect(production.rateLimits).toEqual({
      login: { limit: 10, windowSeconds: 60 },
      register: { limit: 30, windowSeconds: 600 },
      refreshSession: { limit: 30, windowSeconds: 60 },
      lockSeats: { limit: 30, windowSeconds: 10 },
      lockBestSeats: { limit: 30, windowSeconds: 10 },
      checkout: { limit: 30, windowSeconds: 10 },
    });
    expect(production.requestLimits).toEqual({
      maxBodyBytes: 262_144,
      maxDepth: 10,
      maxAliases: 15,
      maxTokens: 1000,
      maxCost: 5000,
      maxDirectives: 20,
    });
    expect(production.trustProxyHops).toBe(0);
  });

  it('reads limits as <calls>/<seconds> or off', () => {
    const config = loadConfig({
      RATE_LIMIT_LOGIN: '5/30',
      RATE_LIMIT_LOCK_SEATS: 'off',
      RATE_LIMIT_REFRESH_SESSION: '7/1',
    });
    expect(config.rateLimits.login).toEqual({ limit: 5, windowSeconds: 30 });
    expect(config.rateLimits.lockSeats).toBeNull();
    expect(config.rateLimits.refreshSession).toEqual({ limit: 7, windowSeconds: 1 });
  });

  it('reports every malformed setting at once', () => {
    const env = {
      RATE_LIMIT_CHECKOUT: 'lots',
      GRAPHIQL_ENABLED: 'maybe',
      MAX_QUERY_DEPTH: '0',
      TRUST_PROXY_HOPS: '-1',
    };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of Object.keys(env)) expect(problems).toContain(name);
  });
});
