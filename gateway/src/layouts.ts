import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { gatewayTokenHeader, sendJson, type GatewayTokenSigner, type Logger } from '@seats/platform';

/** `/layouts/<layoutId>/<revision>`, the path `SeatLayout.url` gives. */
const layoutPath = /^\/layouts\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([1-9][0-9]{0,8})$/i;

const layoutQuery = `query Layout($id: ID!) {
  seatLayout(id: $id) { id revision seats { code label row number category x y accessible } }
}`;

/** What bookings answers: the layout passes through as bookings wrote it. */
const layoutResult = z.object({
  data: z.object({ seatLayout: z.looseObject({ revision: z.number() }).nullable() }).nullish(),
  errors: z.unknown().optional(),
});

/** Revisions kept in memory: a few per screen or train that is on sale. */
const maxKept = 256;

/** A revision's body, ready to send as it is or gzipped. */
interface Served {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

/** A revision's address never serves other seats, so a browser or CDN may keep the body for good. */
const foreverHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'public, max-age=31536000, immutable',
  'access-control-allow-origin': '*',
  vary: 'accept-encoding',
  'x-content-type-options': 'nosniff',
};

/**
 * Serves seat layouts at a revision, the part of a seat map that changes
 * only when the catalogue edits a screen or train: read from bookings once
 * per revision and gateway instance (readers arriving meanwhile share the
 * read), then answered from memory with an ETag (a revalidation gets 304)
 * and gzip when the client takes it. A revision that is no longer current
 * is 404 (the client reloads the seat map and gets the new address).
 */
export class LayoutServer {
  private readonly kept = new Map<string, Promise<Served | null>>();

  constructor(
    private readonly bookingsUrl: string,
    private readonly signer: GatewayTokenSigner,
    private readonly log: Logger,
  ) {}

  /** Answers a layout path; false for any other path. */
  async serve(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<boolean> {
    const match = layoutPath.exec(path);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const id = match[1]!.toLowerCase();
    const revision = Number(match[2]);
    let served: Served | null;
    try {
      served = await this.revision(id, revision);
    } catch (err) {
      this.log.warn({ err, layoutId: id, revision }, 'layout not read from bookings');
      sendJson(
        res,
        503,
        { error: 'layout temporarily unavailable' },
        { 'cache-control': 'no-store', 'retry-after': '1' },
      );
      return true;
    }
    if (!served) {
      sendJson(res, 404, { error: 'no such layout revision' }, { 'cache-control': 'no-store' });
      return true;
    }
    if (req.headers['if-none-match'] === served.etag) {
      res.writeHead(304, {
        etag: served.etag,
        'cache-control': foreverHeaders['cache-control'],
        vary: 'accept-encoding',
      });
      res.end();
      return true;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? served.gzipped : served.body;
    res.writeHead(200, {
      ...foreverHeaders,
      etag: served.etag,
      'content-length': body.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  private revision(id: string, revision: number): Promise<Served | null> {
    const key = `${id}/${revision}`;
    const kept = this.kept.get(key);
    if (kept) return kept;
    const served = this.read(id, revision);
    this.kept.set(key, served);
    if (this.kept.size > maxKept) this.kept.delete(this.kept.keys().next().value!);
    // Only a revision that exists stays: a failed or missing read is asked again next time.
    const forget = () => {
      if (this.kept.get(key) === served) this.kept.delete(key);
    };
    served.then((found) => found ?? forget(), forget);
    return served;
  }

  private async read(id: string, revision: number): Promise<Served | null> {
    const response = await fetch(this.bookingsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [gatewayTokenHeader]: await this.signer.sign(null, 'bookings'),
      },
      body: JSON.stringify({ query: layoutQuery, variables: { id } }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`bookings answered ${response.status}`);
    const result = layoutResult.parse(await response.json());
    if (result.errors || !result.data) throw new Error('bookings answered with errors');
    const layout = result.data.seatLayout;
    if (layout?.revision !== revision) return null;
    const body = Buffer.from(JSON.stringify(layout));
    return { body, gzipped: gzipSync(body), etag: `"${id}.${revision}"` };
  }
}
