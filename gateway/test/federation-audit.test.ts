import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditDir, copyAudit, startAuditRouter, type AuditCopy, type AuditRouter } from './support/audit-checkout.js';
import { runSuite, type CaseResult, type GatewayKind, type SuiteResult } from './support/audit-gateways.js';

const kinds: GatewayKind[] = ['LeanGateway', '@apollo/gateway'];

/** How many suites run at once per gateway: enough to overlap the waits on two cores. */
const parallelSuites = 4;

/** Every suite against fresh gateways of one kind, a few suites at a time. */
async function runAudit(kind: GatewayKind, router: AuditRouter): Promise<SuiteResult> {
  const pending = await router.suites();
  const suites: SuiteResult[] = [];
  const worker = async (): Promise<void> => {
    for (let suite = pending.shift(); suite; suite = pending.shift()) suites.push(await runSuite(kind, suite));
  };
  await Promise.all(Array.from({ length: parallelSuites }, worker));
  return {
    cases: suites.flatMap((s) => s.cases).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })),
    fast: suites.reduce((sum, s) => sum + s.fast, 0),
  };
}

const failed = (results: CaseResult[]) => results.filter((r) => !r.passed);

// The audit's suites are the federation spec's corner cases; our executor
// must answer each of them at least as well as @apollo/gateway does.
describe.skipIf(!auditDir)('LeanGateway on the federation gateway audit', () => {
  let copy: AuditCopy | undefined;
  const routers: AuditRouter[] = [];
  const results = new Map<GatewayKind, SuiteResult>();

  beforeAll(async () => {
    // @apollo/gateway would otherwise start a usage-data exporter per gateway.
    vi.stubEnv('APOLLO_TELEMETRY_DISABLED', 'true');
    copy = copyAudit();
    // Each gateway gets its own copy of the subgraphs: their state (the
    // mutations suite's) lives in module variables, as with one audit
    // server per gateway.
    for (const kind of kinds) {
      const router = await startAuditRouter(copy.sources(kind.replace(/\W/g, '')));
      routers.push(router);
      results.set(kind, await runAudit(kind, router));
    }
    report(results);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(routers.map((r) => r.dispose()));
    copy?.dispose();
    vi.unstubAllEnvs();
  });

  const cases = (kind: GatewayKind) => results.get(kind)?.cases ?? [];

  it('passes every case that @apollo/gateway passes', () => {
    const theirs = new Set(failed(cases('@apollo/gateway')).map((r) => r.id));
    expect(failed(cases('LeanGateway')).filter((r) => !theirs.has(r.id))).toEqual([]);
  });

  it('passes at least as many cases as @apollo/gateway', () => {
    const passed = (kind: GatewayKind) => cases(kind).filter((r) => r.passed).length;
    expect(passed('LeanGateway')).toBeGreaterThanOrEqual(passed('@apollo/gateway'));
  });

  it("runs audit cases on its own executor, not only on Apollo's", () => {
    expect(results.get('LeanGateway')?.fast ?? 0).toBeGreaterThan(0);
  });
});

/** Counts per gateway and every failing case, shared failures included (they fail nothing). */
function report(results: Map<GatewayKind, SuiteResult>): void {
  const counts = kinds.map((kind) => {
    const all = results.get(kind)?.cases ?? [];
    return `${kind} ${all.length - failed(all).length}/${all.length}`;
  });
  const fast = results.get('LeanGateway')?.fast ?? 0;
  const lines = [`federation audit: ${counts.join(', ')} (LeanGateway ran ${fast} on its own executor)`];
  for (const kind of kinds) {
    const failures = failed(results.get(kind)?.cases ?? []);
    lines.push(`  ${kind} fails ${failures.length}:`, ...failures.map((r) => `    ${r.id}: ${r.why ?? ''}`));
  }
  console.log(lines.join('\n'));
}
