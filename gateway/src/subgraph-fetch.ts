import http from 'node:http';
import https from 'node:https';

/** What RemoteGraphQLDataSource reads from a response. */
class SubgraphResponse {
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

/**
 * The gateway's fetch for subgraph calls: node:http with a keep-alive pool.
 * @apollo/gateway's default (make-fetch-happen, an HTTP cache for npm)
 * spends more per request on streams and cache bookkeeping than a
 * subgraph call needs, and subgraph responses are never cached.
 */
export function subgraphFetch(url: string, init: RequestInit = {}): Promise<SubgraphResponse> {
  const target = new URL(url);
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
          resolve(
            new SubgraphResponse(
              url,
              res.statusCode ?? 0,
              res.statusMessage ?? '',
              res.headers,
              Buffer.concat(chunks).toString('utf8'),
            ),
          ),
        );
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${target.host} in ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end(init.body);
  });
}
