import { startGateway, type RunningGateway } from '@seats/gateway';
import {
  loadKeyRing,
  openBus,
  startSubgraph,
  subgraphNames,
  type EventBus,
  type Logger,
  type PlatformConfig,
  type RunningSubgraph,
  type SubgraphName,
} from '@seats/platform';
import { subgraphDefinitions } from './subgraphs.js';

export interface StackOptions {
  config: PlatformConfig;
  log: Logger;
  /** Listen on free ports instead of the configured ones (tests). */
  randomPorts?: boolean;
}

export interface RunningStack {
  readonly config: PlatformConfig;
  readonly bus: EventBus;
  readonly subgraphs: Partial<Record<SubgraphName, RunningSubgraph>>;
  /** The gateway's base URL, when this process runs the gateway. */
  readonly gatewayUrl: string | undefined;
  dispose(): Promise<void>;
}

/**
 * Starts the parts of the platform that `config.services` names in this
 * process, sharing one bus. With everything selected and no DATABASE_URL or
 * NATS_URL, that is the embedded platform.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, log } = options;
  const gatewayKeys = await loadKeyRing('gateway', config.gatewayTokenKeys, config.keysDir);
  const bus = await openBus(config.natsUrl, config.busPrefix, 'seats', log);
  const started: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  let gateway: RunningGateway | undefined;
  const dispose = async () => {
    await gateway?.dispose();
    await Promise.all(Object.values(started).map((s) => s.dispose()));
    await bus.dispose();
  };
  try {
    const wanted = subgraphNames.filter((name) => config.services.includes(name));
    await Promise.all(
      wanted.map(async (name) => {
        started[name] = await startSubgraph(subgraphDefinitions[name], {
          config,
          bus,
          gatewayKeys,
          log,
          ...(options.randomPorts ? { port: 0 } : {}),
        });
      }),
    );
    for (const running of Object.values(started)) running.startRelay();
    if (config.services.includes('gateway')) {
      gateway = await startGatewayOn(
        { config, bus, subgraphs: started },
        config,
        log,
        options.randomPorts ? 0 : undefined,
      );
    }
  } catch (err) {
    await dispose().catch(() => {});
    throw err;
  }
  return { config, bus, subgraphs: started, gatewayUrl: gateway?.url, dispose };
}

/**
 * A gateway in front of the subgraphs this process runs (the configured URLs
 * for the others), on the stack's bus and keys. With `config` differing from
 * the stack's, a second gateway configured otherwise (tests, benchmarks).
 */
export async function startGatewayOn(
  stack: Pick<RunningStack, 'config' | 'bus' | 'subgraphs'>,
  config: PlatformConfig,
  log: Logger,
  port?: number,
): Promise<RunningGateway> {
  const subgraphUrls = { ...config.subgraphUrls };
  for (const name of subgraphNames) subgraphUrls[name] = stack.subgraphs[name]?.url ?? subgraphUrls[name];
  return startGateway({
    config,
    log,
    subgraphUrls,
    accessKeys: await loadKeyRing('access', config.accessTokenKeys, config.keysDir),
    gatewayKeys: await loadKeyRing('gateway', config.gatewayTokenKeys, config.keysDir),
    bus: stack.bus,
    ...(port === undefined ? {} : { port }),
  });
}
