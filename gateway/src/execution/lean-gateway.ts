import type { ApolloGateway, ServiceMap } from '@apollo/gateway';
import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { QueryPlan } from '@apollo/query-planner';
import { getVariableValues, GraphQLError, Kind, OperationTypeNode, type FragmentDefinitionNode } from 'graphql';
import { isPlainPlan, runPlan } from './plan-runner.js';
import type { SupergraphPlanning } from './planning.js';
import { compileShape, type Shape } from './shaper.js';

type Gateway = NonNullable<ApolloServerOptions<BaseContext>['gateway']>;
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type RequestContext = Parameters<Executor>[0];
type Result = Awaited<ReturnType<Executor>>;

/** A planned operation with its compiled response shape; null when Apollo's executor takes it. */
type Prepared = { plan: QueryPlan; shape: Shape } | null;

/**
 * @apollo/gateway with a faster executor for the operations it can run:
 * the same query plans (Apollo's planner) and data sources, fetched and
 * merged by `runPlan`, and the response shaped by a function compiled once
 * per document instead of interpreting the operation for every value.
 * Anything else (introspection, abstract types, plans with rewrites,
 * variables that do not coerce) goes to Apollo's own executor unchanged.
 */
export class LeanGateway implements Gateway {
  private readonly prepared = new Map<string, Prepared>();
  private readonly inflight = new Map<string, Promise<Result>>();
  /** Operations run by the fast path and by Apollo's executor, since start. */
  readonly executions = { fast: 0, apollo: 0 };

  constructor(
    private readonly inner: ApolloGateway,
    private readonly planning: SupergraphPlanning,
    private readonly services: ServiceMap,
    /** Let identical anonymous queries in flight share one execution. */
    private readonly shareInflight = true,
    private readonly cacheSize = 1000,
  ) {}

  onSchemaLoadOrUpdate(callback: Parameters<Gateway['onSchemaLoadOrUpdate']>[0]) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  async load(options: Parameters<Gateway['load']>[0]) {
    const loaded = await this.inner.load(options);
    return { executor: (requestContext: RequestContext) => this.execute(requestContext, loaded.executor) };
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  /**
   * Identical anonymous queries in flight at the same time share one
   * execution (everyone gets the public answer of that moment); signed-in
   * callers and mutations always run their own.
   */
  private execute(requestContext: RequestContext, fallback: Executor): Promise<Result> {
    // No operation matches operationName: Apollo Server answers the error returned here with HTTP 400.
    if (!requestContext.operation) return Promise.resolve({ errors: [unresolvedOperation(requestContext)] });
    const anonymous = !(requestContext.context as { identity?: unknown }).identity;
    const shareable = this.shareInflight && anonymous && requestContext.operation.operation === OperationTypeNode.QUERY;
    if (!shareable) return this.run(requestContext, fallback);
    const key = `${requestContext.queryHash}\n${requestContext.operationName ?? ''}\n${JSON.stringify(requestContext.request.variables ?? {})}`;
    let result = this.inflight.get(key);
    if (!result) {
      result = this.run(requestContext, fallback);
      this.inflight.set(key, result);
      void result.finally(() => this.inflight.delete(key)).catch(() => {});
    }
    return result;
  }

  private async run(requestContext: RequestContext, fallback: Executor): Promise<Result> {
    const prepared = this.prepare(requestContext);
    const variables = requestContext.request.variables ?? {};
    if (!prepared) return this.fallback(requestContext, fallback);
    const definitions = requestContext.operation.variableDefinitions ?? [];
    // Coerced values (defaults applied) for @skip/@include; a request whose variables do not coerce gets Apollo's errors.
    const coerced =
      definitions.length > 0 ? getVariableValues(this.planning.apiSchema, definitions, variables) : { coerced: {} };
    if (!coerced.coerced) return this.fallback(requestContext, fallback);
    this.executions.fast++;
    const data: Record<string, unknown> = {};
    const errors: GraphQLError[] = [];
    if (prepared.plan.node) {
      const context = {
        services: this.services,
        requestContext,
        variables,
        operation: requestContext.operation,
        supergraphSchema: this.planning.supergraphSchema,
        errors,
      };
      await runPlan(context, prepared.plan.node as Parameters<typeof runPlan>[1], data);
    }
    let shaped: ReturnType<Shape>;
    try {
      shaped = prepared.shape(data, coerced.coerced);
    } catch (err) {
      // As Apollo's executor does with a failure while shaping: an error result, not a rejected request.
      return { errors: [err instanceof GraphQLError ? err : new GraphQLError(String(err))] };
    }
    // As Apollo's executor does: value-completion errors go in extensions unless a fetch failed.
    if (errors.length > 0) return { errors, data: shaped.data };
    return shaped.errors.length > 0
      ? { extensions: { valueCompletion: shaped.errors }, data: shaped.data }
      : { data: shaped.data };
  }

  private fallback(requestContext: RequestContext, executor: Executor): Promise<Result> {
    this.executions.apollo++;
    return executor(requestContext);
  }

  private prepare(requestContext: RequestContext): Prepared {
    const key = `${requestContext.queryHash}\n${requestContext.operationName ?? ''}`;
    if (this.prepared.has(key)) return this.prepared.get(key) ?? null;
    const prepared = this.build(requestContext);
    if (this.prepared.size >= this.cacheSize) this.prepared.delete(this.prepared.keys().next().value!);
    this.prepared.set(key, prepared);
    return prepared;
  }

  private build(requestContext: RequestContext): Prepared {
    const { document, operation } = requestContext;
    if (operation.operation === OperationTypeNode.SUBSCRIPTION) return null;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    const shape = compileShape(this.planning.apiSchema, operation, fragments);
    if (!shape) return null;
    const plan = this.planning.plan(document, requestContext.operationName ?? undefined);
    if (plan.node && (plan.node.kind === 'Subscription' || !isPlainPlan(plan.node))) return null;
    return { plan, shape };
  }
}

/** The error for a document whose operation cannot be chosen, worded as graphql-js words it. */
function unresolvedOperation(requestContext: RequestContext): GraphQLError {
  const name = requestContext.request.operationName;
  if (name) return new GraphQLError(`Unknown operation named "${name}".`);
  return new GraphQLError('Must provide operation name if query contains multiple operations.');
}
