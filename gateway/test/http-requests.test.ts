/**
 * Requests a client gets wrong, and GET as urql sends it: each mistake is a
 * 4xx with a coded error (never a 500), nothing of it runs, and afterwards
 * every watched table holds what it held before. Anonymous and signed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modes, startTestStack, type TestStack, type TestUser } from '../../stack/test/support/harness.js';
import { settledSnapshot, snapshot } from '../../stack/test/support/security.js';

/** A mutation that adds rows (an account, a refresh token, an outbox event) if it ever runs. */
const register = (tag: string) =>
  `mutation Register { register(input: { email: "${tag}-${Date.now()}@example.com", password: "correct horse battery", name: "Eve" }) { accessToken } }`;

/** The Accept header urql (4 and later) sends with every query, and the only header it adds to a GET. */
const urqlAccept =
  'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';

interface Answer {
  status: number;
  allow: string | null;
  body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
}

type Case = [string, (auth: Record<string, string>) => { search?: string; init: RequestInit }, number, string];

const json = { 'content-type': 'application/json' };
const post = (body: string | Uint8Array | FormData, headers: Record<string, string> = json) => ({
  init: { method: 'POST', headers, body },
});
const get = (params: Record<string, string>, headers: Record<string, string> = {}) => ({
  search: `?${new URLSearchParams(params)}`,
  init: { headers: { accept: urqlAccept, ...headers } },
});

const malformed: Case[] = [
  ['a body that is not JSON', (a) => post(`{"query": "${register('a')}`, { ...json, ...a }), 400, 'BAD_REQUEST'],
  ['an empty body', (a) => post('', { ...json, ...a }), 400, 'BAD_REQUEST'],
  ['a JSON string', (a) => post(JSON.stringify(register('b')), { ...json, ...a }), 400, 'BAD_REQUEST'],
  ['JSON null', (a) => post('null', { ...json, ...a }), 400, 'BAD_REQUEST'],
  [
    'a JSON array (a batch)',
    (a) => post(JSON.stringify([{ query: register('c') }]), { ...json, ...a }),
    400,
    'BAD_REQUEST',
  ],
  [
    'a query that is not a string',
    (a) => post(JSON.stringify({ query: { kind: 'Document' } }), { ...json, ...a }),
    400,
    'BAD_REQUEST',
  ],
  [
    'variables that are not an object',
    (a) => post(JSON.stringify({ query: register('d'), variables: '{"x":1}' }), { ...json, ...a }),
    400,
    'BAD_REQUEST',
  ],
  [
    'variables that are an array',
    (a) => post(JSON.stringify({ query: register('e'), variables: [1] }), { ...json, ...a }),
    400,
    'BAD_REQUEST',
  ],
  [
    'an operationName that matches no operation',
    (a) => post(JSON.stringify({ query: register('f'), operationName: 'Nope' }), { ...json, ...a }),
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'two operations and no operationName',
    (a) => post(JSON.stringify({ query: `${register('g')} query Q { __typename }` }), { ...json, ...a }),
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'PUT',
    (a) => ({ init: { method: 'PUT', headers: { ...json, ...a }, body: JSON.stringify({ query: register('h') }) } }),
    405,
    'BAD_REQUEST',
  ],
  ['DELETE', (a) => ({ init: { method: 'DELETE', headers: a } }), 405, 'BAD_REQUEST'],
  ['a mutation over GET', (a) => get({ query: register('i') }, a), 405, 'BAD_REQUEST'],
  [
    'a mutation over GET beside a query, without operationName',
    (a) => get({ query: `${register('j')} query Q { __typename }` }, a),
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'a mutation over GET with an operationName that matches nothing',
    (a) => get({ query: register('k'), operationName: 'Q' }, a),
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  // What a page on another site can POST without a CORS preflight, and then some.
  [
    'a text/plain body',
    (a) => post(JSON.stringify({ query: register('l') }), { 'content-type': 'text/plain', ...a }),
    415,
    'BAD_REQUEST',
  ],
  [
    'an application/xml body',
    (a) => post(JSON.stringify({ query: register('m') }), { 'content-type': 'application/xml', ...a }),
    415,
    'BAD_REQUEST',
  ],
  [
    'a form',
    (a) =>
      post(new URLSearchParams({ query: register('n') }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        ...a,
      }),
    415,
    'BAD_REQUEST',
  ],
  ['a multipart form (an upload)', (a) => post(multipart(register('o')), a), 415, 'BAD_REQUEST'],
  [
    'a body without a content type',
    (a) => post(new TextEncoder().encode(JSON.stringify({ query: register('p') })), a),
    415,
    'BAD_REQUEST',
  ],
  [
    'JSON in another charset',
    (a) =>
      post(JSON.stringify({ query: register('q') }), { 'content-type': 'application/json; charset=iso-8859-1', ...a }),
    415,
    'BAD_REQUEST',
  ],
];

function multipart(query: string): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query }));
  form.append('map', '{}');
  return form;
}

describe.each(modes)('requests a client gets wrong, and GET queries (%s)', (mode) => {
  let t: TestStack;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestStack(mode);
    user = await t.register('Urql');
  });
  afterAll(() => t?.dispose());

  const send = async ({ search = '', init }: { search?: string; init: RequestInit }): Promise<Answer> => {
    const response = await fetch(`${t.url}${search}`, init);
    const text = await response.text();
    expect(response.headers.get('content-type'), text).toMatch(/^application\/(graphql-response\+)?json/);
    return { status: response.status, allow: response.headers.get('allow'), body: JSON.parse(text) as Answer['body'] };
  };

  it.each(malformed)(
    'refuses %s with a coded 4xx, signed in or not, and runs none of it',
    async (_, request, status, code) => {
      const before = await settledSnapshot(t);
      const callers: Array<Record<string, string>> = [{}, { authorization: `Bearer ${user.token}` }];
      for (const auth of callers) {
        const answer = await send(request(auth));
        expect([answer.status, answer.body.errors?.[0]?.extensions?.code, answer.body.data]).toEqual([
          status,
          code,
          undefined,
        ]);
        if (status === 405) expect(answer.allow).toMatch(/POST/);
      }
      expect(await snapshot(t)).toEqual(before);
    },
  );

  it('answers a GET query with only the Accept header urql sends', async () => {
    const answer = await send(get({ query: '{ __typename }' }));
    expect([answer.status, answer.body]).toEqual([200, { data: { __typename: 'Query' } }]);
    const withVariables = await send(
      get({
        query: 'query Movies($first: Int) { movies(first: $first) { edges { node { id } } } }',
        variables: '{"first":1}',
      }),
    );
    expect([withVariables.status, withVariables.body.errors]).toEqual([200, undefined]);
  });

  it('answers a signed-in GET query for its caller, and lets no cache keep it', async () => {
    const response = await fetch(`${t.url}?${new URLSearchParams({ query: '{ me { id } }' })}`, {
      headers: { accept: urqlAccept, authorization: `Bearer ${user.token}` },
    });
    expect([response.status, await response.json()]).toEqual([200, { data: { me: { id: user.userId } } }]);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
