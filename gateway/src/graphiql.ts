import fs from 'node:fs';
import type http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** A file inside an installed package, found from its package.json (their `exports` hide the UMD builds). */
const packageFile = (name: string, file: string) =>
  path.join(path.dirname(require.resolve(`${name}/package.json`)), file);

/** Files GraphiQL needs, served from installed packages (no CDN: it works offline). */
const assets: Record<string, { file: () => string; type: string }> = {
  'react.js': { file: () => packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: () => packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: () => packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: () => packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'graphiql-init.js': {
    file: () => fileURLToPath(new URL('../static/graphiql-init.js', import.meta.url)),
    type: 'text/javascript',
  },
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Seats GraphiQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/graphiql-init.js"></script>
</body>
</html>`;

/**
 * Scripts only from here. GraphiQL's CSS embeds its fonts (34 of them) as
 * `data:` URIs and nothing else, hence `font-src data:`; its editors set
 * inline styles; its icons (and the page's empty favicon, which spares
 * the browser a 404 for /favicon.ico) are data: images.
 */
const csp = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'font-src data:',
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
].join('; ');

const cache = new Map<string, Buffer>();

/** Serves `/graphiql` and its assets; returns false for other paths. */
export function serveGraphiql(req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/graphiql' || path === '/graphiql/') {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
    });
    res.end(page);
    return true;
  }
  const name = path.startsWith('/graphiql/assets/') ? path.slice('/graphiql/assets/'.length) : undefined;
  const asset = name ? assets[name] : undefined;
  if (!name || !asset) return false;
  let body = cache.get(name);
  if (!body) {
    body = fs.readFileSync(asset.file());
    cache.set(name, body);
  }
  res.writeHead(200, {
    'content-type': `${asset.type}; charset=utf-8`,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
  return true;
}

/** A browser asking for `/graphql` (GET, HTML accepted) is sent to GraphiQL. */
export function wantsGraphiql(req: http.IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}
