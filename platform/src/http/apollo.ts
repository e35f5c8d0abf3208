import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { BodyTooLargeError, readBody, sendJson } from './server.js';

/**
 * Runs one HTTP request through Apollo Server without a web framework in
 * between (less work per request than the Express integration).
 */
export async function executeApollo<Ctx extends BaseContext>(
  server: ApolloServer<Ctx>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: () => Promise<Ctx>,
  bodyLimit: number,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req, bodyLimit);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return sendError(res, 413, 'Request body too large');
      throw err;
    }
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      return sendError(res, 400, 'Request body is not valid JSON');
    }
  }
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: queryAt >= 0 ? url.slice(queryAt) : '', body },
    context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}
