import { executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import { GraphQLError, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@seats/platform';
import type { GatewayContext } from '../context.js';
import type { LivePlan, LivePlanner } from './planner.js';

type RequestContext = Parameters<typeof executeQueryPlan>[2];
type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Runs a subscription's plan for one event through the gateway's own query
 * executor and data sources: the primary fetch carries the event to the
 * subgraph that owns the field (`extensions.sourceEvent`), and the rest of
 * the plan resolves fields from other subgraphs. Events are resolved as
 * the public, anonymous caller, so one execution serves every watcher of
 * the same document and variables.
 */
export class LiveExecutor {
  constructor(
    private readonly planner: LivePlanner,
    private readonly services: ServiceMap,
    private readonly formatError: FormatError,
    private readonly log: Logger,
  ) {}

  async execute(plan: LivePlan, variables: Record<string, unknown>, event: unknown): Promise<FormattedExecutionResult> {
    const context: GatewayContext = { identity: null, clientAddress: 'gateway', sourceEvent: event };
    const requestContext = {
      request: { variables },
      context,
      logger: this.log,
      metrics: {},
      operation: plan.operationContext.operation,
    } as unknown as RequestContext;
    try {
      const result = await executeQueryPlan(
        plan.queryPlan,
        this.services,
        requestContext,
        plan.operationContext,
        this.planner.planning.supergraphSchema,
        this.planner.planning.api,
      );
      // Network failures come back as plain Errors among the GraphQL ones.
      const errors = result.errors?.map((e) => {
        const error =
          e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message), { originalError: e });
        return this.formatError(error.toJSON(), error);
      });
      return { ...(errors ? { errors } : {}), data: result.data ?? null };
    } catch (err) {
      return { errors: [this.formatError({ message: String(err) }, err)], data: null };
    }
  }
}
