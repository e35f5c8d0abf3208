/**
 * Typed GraphQL for suites that run one subgraph's schema in-process (no
 * HTTP, no gateway): the same `gql(document, variables, identity)` shape as
 * the end-to-end harness, with documents typed by hand.
 */
import { createRequire } from 'node:module';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Identity } from '@seats/platform';

// @apollo/subgraph builds its schema with the CommonJS build of graphql;
// executing it needs that same build.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** Runs a typed document (see `document`), or a plain query string whose data is `unknown`. */
export type InProcessGql = <T = unknown, V = Record<string, unknown>>(
  query: string | TypedDocumentNode<T, V>,
  variables?: V,
  identity?: Identity | null,
) => Promise<ExecutionResult<T>>;

/**
 * A document whose result and variables are typed by the test that writes it
 * (codegen types documents for the composed API only).
 *
 * @example
 * const movie = document<{ movie: { title: string } | null }, { id: string }>(
 *   'query($id: ID!) { movie(id: $id) { title } }',
 * );
 */
export function document<TResult, TVariables = Record<string, unknown>>(
  source: string,
): TypedDocumentNode<TResult, TVariables> {
  return parse(source);
}

/**
 * `gql` over a subgraph schema, with the context the subgraph builds for a
 * caller: `caller` when a call names nobody, `null` for an anonymous call.
 */
export function inProcessGql(
  schema: GraphQLSchema,
  context: (identity: Identity | null) => unknown,
  caller: Identity | null,
): InProcessGql {
  return <T, V>(query: string | TypedDocumentNode<T, V>, variables?: V, identity: Identity | null = caller) =>
    graphql({
      schema,
      source: typeof query === 'string' ? query : print(query),
      variableValues: variables ?? {},
      contextValue: context(identity),
    }) as Promise<ExecutionResult<T>>;
}
