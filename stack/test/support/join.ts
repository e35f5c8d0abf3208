/**
 * A second instance of some parts of a running embedded stack, in the same
 * process: PGlite cannot be opened twice, so the new subgraph instances share
 * the first stack's open databases and its in-process bus, the way separate
 * processes share one Postgres and one NATS in services mode.
 */
import type { RunningGateway } from '@seats/gateway';
import {
  loadKeyRing,
  startSubgraph,
  subgraphNames,
  type Logger,
  type PlatformConfig,
  type RunningSubgraph,
  type SubgraphName,
} from '@seats/platform';
import { startGatewayOn, type RunningStack } from '../../src/stack.js';
import { subgraphDefinitions } from '../../src/subgraphs.js';

/**
 * Starts the subgraphs that `config.services` names (each must run in
 * `origin`) on origin's databases and bus, and a gateway when named, which
 * sends those subgraphs' requests to the new instances and the rest to
 * `config.subgraphUrls`. Disposing it leaves origin's databases and bus open.
 */
export async function startJoinedParts(
  origin: RunningStack,
  config: PlatformConfig,
  log: Logger,
): Promise<RunningStack> {
  const gatewayKeys = await loadKeyRing('gateway', config.gatewayTokenKeys, config.keysDir);
  const started: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  let gateway: RunningGateway | undefined;
  const dispose = async () => {
    await gateway?.dispose();
    await Promise.all(Object.values(started).map((s) => s.dispose()));
  };
  try {
    for (const name of subgraphNames.filter((n) => config.services.includes(n))) {
      const shared = origin.subgraphs[name];
      if (!shared) throw new Error(`${name} does not run in the stack to join`);
      started[name] = await startSubgraph(subgraphDefinitions[name], {
        config,
        bus: origin.bus,
        gatewayKeys,
        log,
        port: 0,
        database: shared.runtime.database,
      });
    }
    for (const running of Object.values(started)) running.startRelay();
    if (config.services.includes('gateway')) {
      gateway = await startGatewayOn({ config, bus: origin.bus, subgraphs: started }, config, log, 0);
    }
  } catch (err) {
    await dispose().catch(() => {});
    throw err;
  }
  return { config, bus: origin.bus, subgraphs: started, gatewayUrl: gateway?.url, dispose };
}
