import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * The supergraph as the gateway's own executors need it: the client-facing
 * API schema, the full supergraph schema, and Apollo's query planner over
 * it. Built once per gateway (building it takes a while) and shared by the
 * query fast path and live subscriptions.
 */
export class SupergraphPlanning {
  readonly api: Schema;
  readonly apiSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.api = supergraph.apiSchema();
    this.apiSchema = this.api.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** The plan of a validated document's operation. */
  plan(document: DocumentNode, operationName: string | undefined): QueryPlan {
    return this.planner.buildQueryPlan(
      operationFromDocument(this.api, document, operationName ? { operationName } : {}),
    );
  }
}
