/**
 * The two gateways the audit compares, each an Apollo Server behind the
 * platform's own HTTP adapter (as the real gateway serves /graphql): plain
 * @apollo/gateway, and our LeanGateway composed as gateway/src/gateway.ts
 * composes it, over unsigned data sources (the audit's subgraphs know no
 * gateway tokens). Cases are judged by the audit's rules (its src/test.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { ApolloGateway, RemoteGraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { createLogger, executeApollo, listen, type Handler } from '@seats/platform';
import { LeanGateway } from '../../src/execution/lean-gateway.js';
import { SupergraphPlanning } from '../../src/execution/planning.js';
import type { AuditCase, AuditSuite } from './audit-checkout.js';

export type GatewayKind = 'LeanGateway' | '@apollo/gateway';

/** One case's outcome; `why` says what differed when it failed. */
export interface CaseResult {
  /** `<suite> #<n>`, n counted from 1 in the suite's order. */
  readonly id: string;
  readonly passed: boolean;
  readonly why?: string;
}

const log = createLogger('audit', 'silent');
/** Far above any audit query. */
const maxBodyBytes = 1 << 20;

/** A suite's outcomes, and how many of its cases LeanGateway ran on its own executor. */
export interface SuiteResult {
  readonly cases: CaseResult[];
  readonly fast: number;
}

/** Runs every case of a suite, in order (the mutations suite depends on it), against a fresh gateway. */
export async function runSuite(kind: GatewayKind, suite: AuditSuite): Promise<SuiteResult> {
  const gateway = buildGateway(kind, suite);
  const apollo = new ApolloServer<BaseContext>({ gateway });
  try {
    await apollo.start();
  } catch (err) {
    // A supergraph the gateway cannot load fails that suite's cases, not the whole audit.
    const why = `the gateway did not start: ${String(err)}`;
    return { cases: suite.cases.map((_, index) => ({ id: caseId(suite, index), passed: false, why })), fast: 0 };
  }
  const handler: Handler = (req, res) => executeApollo(apollo, req, res, async () => ({}), maxBodyBytes);
  const http = await listen(handler, 0, '127.0.0.1', log);
  try {
    const results: CaseResult[] = [];
    for (const [index, auditCase] of suite.cases.entries()) {
      const why = await judge(auditCase, () => post(`${http.url}/graphql`, auditCase.query));
      results.push({ id: caseId(suite, index), passed: why === undefined, ...(why ? { why } : {}) });
    }
    return { cases: results, fast: gateway instanceof LeanGateway ? gateway.executions.fast : 0 };
  } finally {
    await http.dispose();
    await apollo.stop();
  }
}

const caseId = (suite: AuditSuite, index: number) => `${suite.id} #${index + 1}`;

function buildGateway(kind: GatewayKind, suite: AuditSuite): ApolloGateway | LeanGateway {
  if (kind === '@apollo/gateway') return new ApolloGateway({ supergraphSdl: suite.supergraphSdl });
  const services: ServiceMap = {};
  for (const { name, url } of suite.subgraphs) services[name] = new RemoteGraphQLDataSource({ url });
  const inner = new ApolloGateway({
    supergraphSdl: suite.supergraphSdl,
    buildService: ({ name }) => {
      const service = services[name];
      if (!service) throw new Error(`no URL for subgraph ${name}`);
      return service;
    },
  });
  return new LeanGateway(inner, new SupergraphPlanning(suite.supergraphSdl), services, true);
}

interface GraphQLResponse {
  data?: unknown;
  errors?: unknown[];
}

/** As the audit sends a case: a JSON POST, ten seconds at most. */
async function post(url: string, query: string): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as GraphQLResponse;
}

/**
 * The audit's rules: `data` deep-equal (a missing one counts as null);
 * `errors: true` or `false` in the expectation means errors must or must
 * not be there, no `errors` means either. Returns why a case fails.
 */
async function judge(auditCase: AuditCase, send: () => Promise<GraphQLResponse>): Promise<string | undefined> {
  let response: GraphQLResponse;
  try {
    response = await send();
  } catch (err) {
    return `no GraphQL response (${String(err)})`;
  }
  const { expected } = auditCase;
  const hasErrors = (response.errors?.length ?? 0) > 0;
  if (typeof expected.errors === 'boolean' && expected.errors !== hasErrors)
    return expected.errors ? 'errors expected, none returned' : `unexpected errors: ${JSON.stringify(response.errors)}`;
  if (!isDeepStrictEqual(response.data ?? null, expected.data ?? null))
    return `data ${JSON.stringify(response.data ?? null)}, expected ${JSON.stringify(expected.data ?? null)}`;
  return undefined;
}
