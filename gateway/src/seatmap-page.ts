import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The page's own files: html, css, and plain browser modules (no build step). */
const staticDir = fileURLToPath(new URL('../static/seatmap/', import.meta.url));

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Asset name → file. The page's files are listed once from its folder (only
 * plain names, so a request can never walk out of it); the graphql-ws client
 * is the installed package's browser build, found from its package.json
 * because the package's `exports` hide the UMD folder.
 */
const assets: ReadonlyMap<string, string> = new Map([
  ...fs
    .readdirSync(staticDir)
    .filter((name) => /^[a-z0-9-]+\.(js|css|svg)$/.test(name))
    .map((name): [string, string] => [name, path.join(staticDir, name)]),
  ['graphql-ws.js', path.join(path.dirname(require.resolve('graphql-ws/package.json')), 'umd/graphql-ws.min.js')],
]);

/**
 * Scripts and styles come from this origin only (no inline code), the page
 * talks to /graphql over fetch and graphql-ws, may not be framed, and its
 * sign-in form can never be submitted natively (the script sends it).
 */
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

const indexFile = path.join(staticDir, 'index.html');
const showPath = /^\/seatmap\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/?$/i;
const assetPrefix = '/seatmap/assets/';
const cache = new Map<string, Served>();

interface Served {
  body: Buffer;
  etag: string;
}

/**
 * The live seat-map page at `/seatmap/<showId>` and its assets under
 * `/seatmap/assets/`; returns false for other paths. The page is the same
 * for every show: its script reads the id from the address.
 */
export function serveSeatMapPage(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (showPath.test(urlPath)) {
    res.writeHead(200, pageHeaders);
    res.end(read('index.html', indexFile).body);
    return true;
  }
  const name = urlPath.startsWith(assetPrefix) ? urlPath.slice(assetPrefix.length) : undefined;
  const file = name ? assets.get(name) : undefined;
  if (!name || !file) return false;
  const { body, etag } = read(name, file);
  // The modules import each other by plain names, so a browser must never
  // mix two versions of them: each is revalidated (a 304 while unchanged).
  const headers = { etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream',
  });
  res.end(body);
  return true;
}

/** A file's bytes and their ETag, read once: they do not change while the gateway runs. */
function read(name: string, file: string): Served {
  let served = cache.get(name);
  if (!served) {
    const body = fs.readFileSync(file);
    served = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    cache.set(name, served);
  }
  return served;
}
