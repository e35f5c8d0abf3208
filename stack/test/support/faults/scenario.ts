/**
 * One fault scenario on a rig: buyers load the stack, the fault strikes
 * mid-load, the load goes on a little, then the platform gets a bounded
 * time to settle (until every invariant holds once every hold of the run
 * has ended, or the settle time is up) and the invariants are reported.
 */
import { sql, type SubgraphName } from '@seats/platform';
import { waitFor } from '@seats/testkit';
import { registerUsers } from '../attempts.js';
import { readStream } from '../stream.js';
import { checkInvariants, clientInvariants, deadlineMarginSeconds, type InvariantReport } from './invariants.js';
import { startLoad, type LoadRecord } from './load.js';
import type { FaultRig } from './rig.js';
import { findScreenings } from './screenings.js';

export interface Scenario {
  /** What goes wrong, as the summary line names it. */
  name: string;
  /** Extra environment of every part. */
  env?: Record<string, string>;
  /** Subgraphs run as child processes (for faults that kill them). */
  children?: SubgraphName[];
  /** Buyers check out each hold near its end instead of at once. */
  lateCheckout?: boolean;
  /** Injects the fault mid-load; resolves once it is over (the server or the part back). */
  fault?(rig: FaultRig): Promise<void>;
}

const buyers = 25;
const screeningCount = 4;
/** Load before the fault, and at least after it. */
const warmupMs = 3_000;
const afterFaultMs = 4_000;
/** The whole load phase lasts at least this long. */
const loadMs = 10_000;
const settleMs = 30_000;
const pollMs = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the scenario on the rig; logs one summary line and returns the invariants' report. */
export async function runScenario(rig: FaultRig, scenario: Scenario, since = Date.now()): Promise<InvariantReport> {
  const { t } = rig;
  const screenings = await waitFor(
    async () => {
      const found = await findScreenings(t, screeningCount).catch(() => []);
      return found.length === screeningCount ? found : null;
    },
    30_000,
    250,
  );
  const users = await registerUsers([t], buyers);
  const started = Date.now();
  const load = startLoad(t, {
    users,
    screenings,
    holdMs: t.stack.config.holdTtlSeconds * 1000,
    lateCheckout: scenario.lateCheckout,
  });
  rig.onDispose(() => load.abort());
  await sleep(warmupMs);
  const faultAt = Date.now();
  await scenario.fault?.(rig);
  const faultMs = Date.now() - faultAt;
  await sleep(Math.max(afterFaultMs, loadMs - (Date.now() - started)));
  const record = await load.stop();
  const loadedMs = Date.now() - started;
  const settleStarted = Date.now();
  const report = await settle(rig, record);
  console.log(
    summary(scenario.name, record, report, {
      setup: started - since,
      load: loadedMs,
      fault: scenario.fault ? faultMs : 0,
      settle: Date.now() - settleStarted,
    }),
  );
  return report;
}

/**
 * Polls the invariants until they all hold and every hold of the run has
 * ended (so that every deadline was checked), or the settle time is up;
 * violations of what clients were told cannot heal and are not waited for.
 */
async function settle(rig: FaultRig, load: LoadRecord): Promise<InvariantReport> {
  const sources = {
    query: rig.query.bind(rig),
    stream: () => readStream(rig.nats.url, rig.streamName),
    readiness: () => rig.readiness(),
    load,
  };
  const deadline = Date.now() + settleMs;
  const quietAt = Date.now() + (await untilHoldsEnd(rig)) + deadlineMarginSeconds * 1000 + 500;
  for (;;) {
    const report = await checkInvariants(sources).catch((err: unknown): InvariantReport => ({
      violations: [{ invariant: 'the invariants can be checked', count: 1, examples: [String(err)] }],
      facts: noFacts,
    }));
    const healing = report.violations.filter((v) => !clientInvariants.has(v.invariant));
    const now = Date.now();
    if ((healing.length === 0 && now >= quietAt) || now >= deadline) return report;
    await sleep(pollMs);
  }
}

const noFacts = { confirmed: 0, refunds: 0, streamMessages: 0, notInStream: 0, recovered: 0, refundedAfterError: 0 };

/** Milliseconds until the last hold of the run expires (0 when all have). */
async function untilHoldsEnd(rig: FaultRig): Promise<number> {
  const [row] = await rig.query<{ ms: number }>(
    'bookings',
    sql`select coalesce(greatest(extract(epoch from max(expires_at) - now()) * 1000, 0), 0)::int as ms
        from bookings.holds`,
  );
  return row?.ms ?? 0;
}

function summary(
  name: string,
  load: LoadRecord,
  report: InvariantReport,
  ms: { setup: number; load: number; fault: number; settle: number },
): string {
  const { facts } = report;
  const answered = load.checkouts.filter((c) => c.answers.at(-1) === 'CONFIRMED').length;
  const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
  const violations =
    report.violations.length === 0 ? 'none' : report.violations.map((v) => `${v.invariant} ×${v.count}`).join('; ');
  const charged = report.violations.find((v) => v.invariant.startsWith('no client told an error'))?.count ?? 0;
  const abandoned = load.checkouts.filter((c) => c.abandoned).length;
  const timeouts: Record<string, number> = {};
  for (const t of load.timeouts) timeouts[t.operation] = (timeouts[t.operation] ?? 0) + 1;
  return (
    `[faults] ${name} (seed ${load.seed}): ${load.iterations} attempts, ${load.checkouts.length} checkouts, ` +
    `${load.requests} requests in ${seconds(ms.load)} (fault ${seconds(ms.fault)}, set up in ${seconds(ms.setup)}); ` +
    `confirmed ${answered} answered / ${facts.confirmed} in the database, ${facts.refunds} refunded; ` +
    `errors ${JSON.stringify(load.codes)}; statuses ${JSON.stringify(load.statuses)}; ` +
    `told an error but charged ${charged} (recovered on a retry ${facts.recovered}, refunded ${facts.refundedAfterError}); ` +
    `stream ${facts.streamMessages} messages, ${facts.notInStream} outbox events not in it; ` +
    `settled for ${seconds(ms.settle)}; ` +
    (load.timeouts.length > 0 ? `no answer in time ${JSON.stringify(timeouts)}; ` : '') +
    (abandoned > 0 ? `${abandoned} checkouts abandoned unanswered at the end; ` : '') +
    `violations: ${violations}`
  );
}
