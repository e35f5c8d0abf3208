import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { modes } from './support/harness.js';
import { FaultRig } from './support/faults/rig.js';
import { runScenario, type Scenario } from './support/faults/scenario.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds that outlast a checkout (a charge may wait 10 s for its answer, so
 * a checkout caught in a fault may still pay late), yet end within the
 * settle time, so every pending booking and key meets its deadline there.
 */
const shortHolds = { HOLD_TTL_SECONDS: '8' };
const scenarioTimeoutMs = 170_000;

const postgresFast: Scenario = {
  name: 'Postgres restarted with -m fast',
  env: shortHolds,
  fault: (rig) => rig.postgres.restart('fast'),
};

const postgresImmediate: Scenario = {
  name: 'Postgres restarted with -m immediate',
  env: shortHolds,
  fault: (rig) => rig.postgres.restart('immediate'),
};

const natsDataLoss: Scenario = {
  name: 'NATS restarted with its data lost',
  env: shortHolds,
  fault: async (rig) => {
    await rig.nats.loseData();
    await rig.nats.resume();
  },
};

const natsAway: Scenario = {
  name: 'NATS stopped for 5 s',
  env: shortHolds,
  fault: async (rig) => {
    await rig.nats.stop();
    await sleep(5_000);
    await rig.nats.resume();
  },
};

const paymentsAway: Scenario = {
  name: 'payments killed (SIGKILL), started again 5 s later',
  env: shortHolds,
  children: ['payments'],
  fault: async (rig) => {
    const payments = rig.children.get('payments')!;
    await payments.kill();
    await sleep(5_000);
    await payments.resume();
  },
};

const bookingsKilled: Scenario = {
  name: 'bookings killed (SIGKILL), started again 3 s later',
  env: shortHolds,
  children: ['bookings'],
  fault: async (rig) => {
    const bookings = rig.children.get('bookings')!;
    await bookings.kill();
    await sleep(3_000);
    await bookings.resume();
  },
};

const latePayments: Scenario = {
  name: 'late payments (holds of 3 s, checkouts near their end)',
  env: { HOLD_TTL_SECONDS: '3', SWEEP_INTERVAL_MS: '50' },
  lateCheckout: true,
};

// Each scenario runs on a private Postgres cluster and a private nats-server
// (which it restarts, stops or empties), so this suite runs in services
// mode only; without the services' URLs it is skipped (under CI the harness
// refuses to run without them).
describe.skipIf(!modes.includes('services'))('faults under load (services)', () => {
  let rig: FaultRig | undefined;

  const run = async (scenario: Scenario) => {
    const since = Date.now();
    rig = await FaultRig.start({ env: scenario.env, children: scenario.children });
    const report = await runScenario(rig, scenario, since);
    expect(report.violations).toEqual([]);
  };
  const dispose = async () => {
    const current = rig;
    rig = undefined;
    await current?.dispose();
  };
  afterEach(dispose);
  afterAll(dispose);

  it('keeps every invariant when Postgres restarts with -m fast mid-sale', () => run(postgresFast), scenarioTimeoutMs);
  it(
    'keeps every invariant when Postgres restarts with -m immediate mid-sale',
    () => run(postgresImmediate),
    scenarioTimeoutMs,
  );
  it('keeps every invariant when NATS restarts without its data', () => run(natsDataLoss), scenarioTimeoutMs);
  it('keeps every invariant when NATS is away for 5 s', () => run(natsAway), scenarioTimeoutMs);
  it('keeps every invariant when payments is killed for 5 s', () => run(paymentsAway), scenarioTimeoutMs);
  it('keeps every invariant when bookings is killed and started again', () => run(bookingsKilled), scenarioTimeoutMs);
  it('keeps every invariant when payments settle after their holds end', () => run(latePayments), scenarioTimeoutMs);
});
