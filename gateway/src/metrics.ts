import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { LiveStats } from './live/index.js';

/**
 * Prometheus metrics at /metrics: the process (memory, event loop, GC) and
 * what is live right now. Each gateway instance has its own registry.
 */
export function gatewayMetrics(live: () => LiveStats, executions: () => { fast: number; apollo: number }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'seats_gateway_executions',
    help: "Operations executed since start, by the gateway's fast path or by Apollo's executor",
    labelNames: ['executor'],
    registers: [registry],
    collect() {
      const counts = executions();
      this.set({ executor: 'fast' }, counts.fast);
      this.set({ executor: 'apollo' }, counts.apollo);
    },
  });
  const gauges: Array<[keyof LiveStats, string]> = [
    ['connections', 'Open graphql-ws connections'],
    ['watchers', 'Active live subscriptions'],
    ['groups', 'Distinct subscription documents and variables being executed per event'],
    ['subjects', 'Bus subjects this instance listens to (one per watched show)'],
    ['executions', 'Subscription executions since start (one per frame and group)'],
    ['conflated', 'Live messages since start that went out in one frame with the message before them'],
  ];
  for (const [key, help] of gauges) {
    new Gauge({
      name: `seats_live_${key}`,
      help,
      registers: [registry],
      collect() {
        this.set(live()[key]);
      },
    });
  }
  return registry;
}
