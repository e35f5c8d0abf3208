/**
 * The platform of `pnpm bench:live`, in a process of its own so that its
 * memory figures hold only the gateway and subgraphs: the embedded stack
 * (PGlite, in-process bus) on free loopback ports, configured from the
 * variables the bench sends. Run with --expose-gc so the bench can collect
 * garbage before it reads the gateway's memory.
 */
import { serveJobs } from './bench-live-child.js';
export type PlatformJob = { type: 'start'; env: Record<string, string> } | { type: 'gc' } | { type: 'stop' };
export type PlatformReport = { type: 'ready'; gatewayUrl: string } | { type: 'collected' } | { type: 'stopped' };

interface Running {
  dispose(): Promise<void>;
}

let running: Running | undefined;

async function start(env: Record<string, string>): Promise<PlatformReport> {
  // graphql-js reads NODE_ENV when it is first imported: set it before loading the platform.
  process.env.NODE_ENV = env.NODE_ENV;
  const { createLogger, loadConfig } = await import('../platform/src/index.js');
  const { startStack } = await import('../stack/src/stack.js');
  const config = loadConfig(env);
  const stack = await startStack({ config, log: createLogger('bench', config.logLevel), randomPorts: true });
  running = stack;
  if (!stack.gatewayUrl) throw new Error('the gateway did not start');
  return { type: 'ready', gatewayUrl: stack.gatewayUrl };
}

async function handle(job: PlatformJob): Promise<PlatformReport> {
  switch (job.type) {
    case 'start':
      return start(job.env);
    case 'gc':
      // Twice: the first pass can leave objects that only a second one frees (weak references, finalizers).
      globalThis.gc?.();
      globalThis.gc?.();
      return { type: 'collected' };
    case 'stop':
      await running?.dispose();
      return { type: 'stopped' };
    default:
      throw new Error(`unknown job ${(job as { type: string }).type}`);
  }
}

// When the bench goes away, stop rather than keep the ports and the data folder busy.
serveJobs(handle, async () => {
  await running?.dispose();
});
