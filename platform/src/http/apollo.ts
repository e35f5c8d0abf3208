import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { errorBody, ErrorCode } from '../errors.js';
import { BodyTooLargeError, readBody, sendJson } from './server.js';

/**
 * Runs one HTTP request through Apollo Server without a web framework in
 * between (less work per request than the Express integration).
 *
 * Only GET and POST are served, and a POST body only as UTF-8
 * `application/json`. Every other body type is refused (415) before it is
 * read: forms and `text/plain` are what a cross-site page can POST without a
 * CORS preflight, so this refusal is the endpoint's CSRF defence for POST
 * (README, Security). GET runs queries only (Apollo answers 405 otherwise).
 */
export async function executeApollo<Ctx extends BaseContext>(
  server: ApolloServer<Ctx>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: () => Promise<Ctx>,
  bodyLimit: number,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') {
    return sendError(res, 405, 'Only GET (queries) and POST are served here', { allow: 'GET, POST' });
  }
  let body: unknown;
  if (method === 'POST') {
    if (!isJsonMediaType(req.headers['content-type'])) {
      return sendError(res, 415, 'A POST body must be sent as content-type application/json (UTF-8)');
    }
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
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: queryAt >= 0 ? url.slice(queryAt) : '', body },
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

/** `application/json`, with no charset or with charset utf-8 (the spec's one required request type). */
function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (essence !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name, value] = parameter.split('=').map((part) => part.trim());
    return name !== 'charset' || value === 'utf-8' || value === '"utf-8"';
  });
}

function sendError(res: http.ServerResponse, status: number, message: string, headers?: Record<string, string>): void {
  sendJson(res, status, errorBody(message, ErrorCode.BadRequest), headers);
}
