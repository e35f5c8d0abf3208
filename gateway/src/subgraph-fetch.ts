import http from 'node:http';
import https from 'node:https';
import { gatewayTokenHeader } from '@seats/platform';

/** A subgraph's answer, as the data source reads it. */
export class SubgraphResponse {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: http.IncomingHttpHeaders,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  readonly headers = {
    get: (name: string): string | null => {
      const value = this.rawHeaders[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async text(): Promise<string> {
    return this.body;
  }
}

interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 512 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 512 }),
};

const timeoutMs = 30_000;

/** A subgraph's answer, shared by every caller of a deduplicated request. */
interface Answer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const inflight = new Map<string, Promise<Answer>>();

/**
 * The gateway's fetch for subgraph calls: node:http with a keep-alive pool.
 * @apollo/gateway's default (make-fetch-happen, an HTTP cache for npm)
 * spends more per request on streams and cache bookkeeping than a
 * subgraph call needs, and subgraph responses are never cached.
 *
 * Identical queries in flight at the same time (same subgraph, same body,
 * same identity token) share one call, as Apollo Router's subgraph query
 * deduplication does: a hundred readers of one seat map cost bookings one
 * execution while it runs. Each caller still parses its own copy, since
 * the gateway merges into what it parsed. Mutations are never shared.
 */
export async function subgraphFetch(url: string, init: RequestInit = {}): Promise<SubgraphResponse> {
  return fetchSubgraph(url, init, true);
}

/** The same fetch without sharing calls in flight (GATEWAY_SHARE_INFLIGHT=false). */
export function unsharedSubgraphFetch(url: string, init: RequestInit = {}): Promise<SubgraphResponse> {
  return fetchSubgraph(url, init, false);
}

async function fetchSubgraph(url: string, init: RequestInit, share: boolean): Promise<SubgraphResponse> {
  const key =
    share && isQuery(init.body) ? `${url}\n${init.headers?.[gatewayTokenHeader] ?? ''}\n${init.body}` : undefined;
  let answer = key ? inflight.get(key) : undefined;
  if (!answer) {
    answer = send(url, init);
    if (key) {
      inflight.set(key, answer);
      void answer.finally(() => inflight.delete(key)).catch(() => {});
    }
  }
  const { status, statusText, headers, body } = await answer;
  return new SubgraphResponse(url, status, statusText, headers, body);
}

/** A query operation, as RemoteGraphQLDataSource serialises it (the `query` key first). */
function isQuery(body: string | undefined): boolean {
  return body !== undefined && (body.startsWith('{"query":"query') || body.startsWith('{"query":"{'));
}

/** Subgraph URLs, parsed once (a gateway calls a handful of them). */
const targets = new Map<string, URL>();

function send(url: string, init: RequestInit): Promise<Answer> {
  let target = targets.get(url);
  if (!target) {
    target = new URL(url);
    if (targets.size < 100) targets.set(url, target);
  }
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      { method: init.method ?? 'GET', headers: init.headers, agent: agents[target.protocol as 'http:' | 'https:'] },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', reject);
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${target.host} in ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end(init.body);
  });
}
