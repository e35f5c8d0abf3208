/** The child process of `runLoad` (see load.ts): receives a job, sends back the result, exits. */
import type { LoadJob, LoadResult } from './load.js';

process.once('message', (job: LoadJob) => {
  void load(job).then((result) => process.send?.(result, () => process.exit(0)));
});

async function load(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const fail = (what: string) => {
    errors++;
    firstError ??= what;
  };
  let started = 0;
  const start = performance.now();
  const deadline = start + job.durationMs;
  const headers = { 'content-type': 'application/json', ...job.headers };
  const budget = job.requests ? job.requests.length : job.maxRequests;
  const client = async () => {
    while (performance.now() < deadline && started < budget) {
      const next = job.requests?.[started];
      started++;
      const sent = performance.now();
      try {
        const response = await fetch(job.url, {
          method: 'POST',
          headers: next ? { ...headers, ...next.headers } : headers,
          body: next ? next.body : job.body,
          signal: AbortSignal.timeout(job.timeoutMs),
        });
        const bytes = Buffer.from(await response.arrayBuffer());
        if (response.status !== 200 || bytes.indexOf('"errors"') !== -1 || bytes.indexOf(job.expect) === -1) {
          fail(`HTTP ${response.status}: ${bytes.subarray(0, 200).toString()}`);
        }
      } catch (err) {
        fail(String(err));
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  return { latencies, errors, firstError, elapsedMs: performance.now() - start };
}
