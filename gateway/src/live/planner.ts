import { buildOperationContext } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { SupergraphPlanning } from '../execution/planning.js';

export type OperationContext = ReturnType<typeof buildOperationContext>;

/** How to run one subscription document for each of its events. */
export interface LivePlan {
  /** The subscription's primary fetch followed by the rest of its plan, as a query plan. */
  queryPlan: QueryPlan;
  operationContext: OperationContext;
}

/**
 * Plans subscriptions over the supergraph with Apollo's query planner. The
 * planner splits a subscription into a `primary` fetch (the subgraph that
 * owns the root field) and the `rest` (fetches of fields other subgraphs
 * own, e.g. `show { movie { title } }`). The gateway has no subscription
 * executor, so each plan is turned into a sequence of the two, which its
 * query executor runs once per event. (The subscription checker keeps the
 * plan of each document it has seen.)
 */
export class LivePlanner {
  constructor(readonly planning: SupergraphPlanning) {}

  /** The client-facing schema (what documents are validated against). */
  get apiSchema(): GraphQLSchema {
    return this.planning.apiSchema;
  }

  /** The plan of a validated subscription document. */
  plan(document: DocumentNode, operationName: string | undefined): LivePlan {
    const node = this.planning.plan(document, operationName).node;
    if (node?.kind !== 'Subscription') throw new Error('not a subscription plan');
    return {
      queryPlan: {
        kind: 'QueryPlan',
        node: node.rest ? { kind: 'Sequence', nodes: [node.primary, node.rest] } : node.primary,
      },
      operationContext: buildOperationContext({ schema: this.apiSchema, operationDocument: document, operationName }),
    };
  }
}
