/** The child process of `runLoad` (see load.ts): receives a job, sends back the result, exits. */
import http from 'node:http';
import type { LoadJob, LoadResult } from './load.js';

/**
 * node:http over a keep-alive pool (one socket per client): the lightest
 * client Node has, so that as little of the machine as can be goes to the
 * load itself rather than to what it measures.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function send(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const length = method === 'POST' ? { 'content-length': String(Buffer.byteLength(body)) } : {};
    const request = http.request(url, { method, agent, headers: { ...headers, ...length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    });
    // The whole exchange, as the request's deadline (not an idle timeout).
    const timer = setTimeout(() => request.destroy(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    request.end(method === 'POST' ? body : undefined);
  });
}

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
  const cpu = process.cpuUsage();
  const start = performance.now();
  const deadline = start + job.durationMs;
  const method = job.method ?? 'POST';
  const common = { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...job.headers };
  const budget = job.requests ? job.requests.length : job.maxRequests;
  const client = async (_: unknown, index: number) => {
    const own = job.clientHeaders?.[index % job.clientHeaders.length];
    const headers = own ? { ...common, ...own } : common;
    while (performance.now() < deadline && started < budget) {
      const next = job.requests?.[started];
      started++;
      const sent = performance.now();
      try {
        const { status, bytes } = await send(
          job.url,
          method,
          next ? { ...headers, ...next.headers } : headers,
          next ? next.body : job.body,
          job.timeoutMs,
        );
        if (status !== 200 || bytes.indexOf('"errors"') !== -1 || bytes.indexOf(job.expect) === -1) {
          fail(`HTTP ${status}: ${bytes.subarray(0, 200).toString()}`);
        }
      } catch (err) {
        fail(String(err));
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  const used = process.cpuUsage(cpu);
  return {
    latencies,
    errors,
    firstError,
    elapsedMs: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
  };
}
