import type { ReadinessChecks } from '@seats/platform';

/** The gateway is ready when every subgraph answers its own readiness check. */
export function subgraphChecks(urls: Record<string, string>): ReadinessChecks {
  return Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      name,
      async () => {
        const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2000) });
        if (!response.ok) throw new Error(`${name} not ready`);
      },
    ]),
  );
}
