import type http from 'node:http';
import { Counter, Registry } from 'prom-client';

/**
 * A subgraph's Prometheus metrics at its /metrics: what the platform
 * repaired by itself. (The process's own metrics are the gateway's: in the
 * embedded platform every part shares one process.)
 */
export interface SubgraphMetrics {
  readonly registry: Registry;
  /**
   * Counts `count` repairs of one kind: an event the stream lost sent again,
   * a checkout whose charge had no answer settled by asking payments, ...
   */
  countRepairs(repair: string, count?: number): void;
}

export function subgraphMetrics(subgraph: string): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  const repairs = new Counter({
    name: 'seats_repairs_total',
    help: 'What reconciliation repaired since start, by kind of repair',
    labelNames: ['repair'],
    registers: [registry],
  });
  return {
    registry,
    countRepairs: (repair, count = 1) => {
      if (count > 0) repairs.inc({ repair }, count);
    },
  };
}

/** Answers GET /metrics in Prometheus's text format. */
export async function serveMetrics(res: http.ServerResponse, registry: Registry): Promise<void> {
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
