import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig, loadKeyRing, MemoryBus, subgraphNames, type SubgraphName } from '@seats/platform';
import { startGateway, type RunningGateway } from '../../src/index.js';

/** A GraphQL response body; `T` is what the caller expects in `data`. */
export interface Answer<T = unknown> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface LoneGateway {
  readonly url: string;
  /** POSTs a GraphQL request; returns the HTTP status and the parsed body. */
  post<T = unknown>(body: unknown): Promise<{ status: number; body: Answer<T> }>;
  dispose(): Promise<void>;
}

/**
 * A gateway with no subgraph behind it (every subgraph URL points at a
 * closed port), embedded, on a free port: enough for whatever the gateway
 * decides on its own (HTTP routes, parsing, validation, introspection).
 */
export async function startLoneGateway(env: Record<string, string> = {}): Promise<LoneGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seats-gateway-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const subgraphUrls = Object.fromEntries(subgraphNames.map((name) => [name, 'http://127.0.0.1:9/graphql'])) as Record<
    SubgraphName,
    string
  >;
  const log = createLogger('test', 'silent');
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      config,
      log,
      subgraphUrls,
      accessKeys: await loadKeyRing('access', undefined, config.keysDir),
      gatewayKeys: await loadKeyRing('gateway', undefined, config.keysDir),
      bus: new MemoryBus(log),
      port: 0,
    });
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: gateway.url,
    post: async <T>(body: unknown) => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Answer<T> };
    },
    dispose: async () => {
      await gateway.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
