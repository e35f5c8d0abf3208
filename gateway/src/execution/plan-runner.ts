import type { GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import type { FetchNode, PlanNode, QueryPlanSelectionNode } from '@apollo/query-planner';
import {
  GraphQLBoolean,
  GraphQLError,
  valueFromAST,
  isAbstractType,
  isObjectType,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

type Json = Record<string, unknown>;
type Path = Array<string | number>;
type IncomingOperation = Extract<GraphQLDataSourceProcessOptions, { incomingRequestContext: unknown }>;
type RequestContext = IncomingOperation['incomingRequestContext'];
/** GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported). */
const incomingOperation = 'incoming operation' as IncomingOperation['kind'];

interface Cursor {
  path: Path;
  data: unknown;
  fullResult: Json;
}

export interface RunContext {
  services: ServiceMap;
  requestContext: RequestContext;
  variables: Record<string, unknown>;
  operation: OperationDefinitionNode;
  supergraphSchema: GraphQLSchema;
  errors: GraphQLError[];
}

/**
 * Runs a query plan's fetches (sequence, parallel, flatten, fetch with or
 * without entity representations, condition) and merges what the subgraphs
 * return into one tree, as @apollo/gateway's executor does before it shapes
 * the response. Plans with rewrites or @defer are not given to it (see
 * `isPlainPlan`).
 */
export async function runPlan(context: RunContext, node: PlanNode, data: Json): Promise<void> {
  await run(context, node, { path: [], data, fullResult: data });
}

/** Whether every node is one this runner handles. */
export function isPlainPlan(node: PlanNode): boolean {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(isPlainPlan);
    case 'Flatten':
      return node.path.every((p) => typeof p === 'string' && !p.includes('|')) && isPlainPlan(node.node);
    case 'Fetch':
      return !node.inputRewrites?.length && !node.outputRewrites?.length && !node.contextRewrites?.length;
    case 'Condition':
      return (!node.ifClause || isPlainPlan(node.ifClause)) && (!node.elseClause || isPlainPlan(node.elseClause));
    default:
      return false;
  }
}

async function run(context: RunContext, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await run(context, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => run(context, child, cursor)));
      return;
    case 'Flatten':
      return run(context, node.node, moveInto(cursor, node.path as string[]));
    case 'Fetch':
      try {
        await fetch(context, node, cursor);
      } catch (err) {
        context.errors.push(
          err instanceof GraphQLError ? err : new GraphQLError(String(err), { originalError: err as Error }),
        );
      }
      return;
    case 'Condition': {
      const branch = condition(context, node.condition) ? node.ifClause : node.elseClause;
      if (branch) await run(context, branch, cursor);
      return;
    }
    default:
      throw new Error(`unsupported plan node ${node.kind}`);
  }
}

/** The value of the Boolean variable a Condition node (from @skip/@include) tests, or its default. */
function condition(context: RunContext, name: string): boolean {
  const given = context.variables[name];
  if (given !== undefined) return given === true;
  const definition = context.operation.variableDefinitions?.find((d) => d.variable.name.value === name);
  return definition?.defaultValue ? valueFromAST(definition.defaultValue, GraphQLBoolean) === true : false;
}

async function fetch(context: RunContext, node: FetchNode, cursor: Cursor): Promise<void> {
  const entities = (Array.isArray(cursor.data) ? cursor.data : [cursor.data]).filter((e) => e != null) as Json[];
  if (entities.length === 0) return;
  const variables: Record<string, unknown> = {};
  for (const name of node.variableUsages ?? []) {
    if (context.variables[name] !== undefined) variables[name] = context.variables[name];
  }
  if (!node.requires) {
    const received = await send(context, node, cursor, variables);
    for (const entity of entities) merge(entity, received);
    return;
  }
  const representations: Json[] = [];
  const owners: Json[] = [];
  for (const entity of entities) {
    const representation = select(context.supergraphSchema, entity, node.requires);
    if (representation?.__typename) {
      representations.push(representation);
      owners.push(entity);
    }
  }
  if (representations.length === 0) return;
  const received = await send(context, node, cursor, { ...variables, representations });
  const found = received?._entities;
  if (!received) return;
  if (!Array.isArray(found) || found.length !== representations.length) {
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  }
  found.forEach((entity: Json | null, i) => {
    const owner = owners[i]!;
    if (entity && !entity.__typename) entity.__typename = owner.__typename;
    merge(owner, entity);
  });
}

async function send(context: RunContext, node: FetchNode, cursor: Cursor, variables: Json): Promise<Json | undefined> {
  const service = context.services[node.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${node.serviceName}"`);
  const response = await service.process({
    kind: incomingOperation,
    request: { query: node.operation, variables, operationName: node.operationName },
    incomingRequestContext: context.requestContext,
    context: context.requestContext.context,
    document: node.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  for (const error of response.errors ?? []) {
    context.errors.push(downstreamError(error, node.serviceName, errorPath(node, cursor, error.path)));
  }
  return response.data ?? undefined;
}

/**
 * A subgraph's error as the client sees it, as @apollo/gateway passes it on:
 * the subgraph's own code kept, DOWNSTREAM_SERVICE_ERROR when it had none,
 * and the subgraph named.
 */
function downstreamError(error: GraphQLFormattedError, serviceName: string, path: Path | undefined): GraphQLError {
  const message = error.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = { path, extensions: { ...error.extensions, serviceName } };
  const code = error.extensions?.code;
  const known = typeof code === 'string' ? errorCodeDef(code) : undefined;
  if (!known && code !== undefined) return new GraphQLError(message, options);
  return (known ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

/** A subgraph error's path in the client's response. */
function errorPath(
  node: FetchNode,
  cursor: Cursor,
  path: ReadonlyArray<string | number> | undefined,
): Path | undefined {
  if (!path) return undefined;
  if (node.requires && typeof path[1] === 'number') {
    const entities: Path[] = [];
    hydrate([], cursor.path, cursor.fullResult, entities);
    return [...(entities[path[1]] ?? []), ...path.slice(2)];
  }
  return [...cursor.path, ...path];
}

/** The concrete paths of the entities a flattened path (with `@` for lists) reaches. */
function hydrate(parent: Path, path: Path, data: unknown, result: Path[]): void {
  if (data == null) return;
  const [head, ...rest] = path;
  if (head === undefined) {
    result.push([...parent]);
  } else if (head === '@' && Array.isArray(data)) {
    data.forEach((value, i) => hydrate([...parent, i], rest, value, result));
  } else if (Array.isArray(data)) {
    data.forEach((value, i) => hydrate([...parent, i], path, value, result));
  } else if (typeof head === 'string' && Object.hasOwn(data, head)) {
    hydrate([...parent, head], rest, (data as Json)[head], result);
  }
}

function moveInto(cursor: Cursor, path: string[]): Cursor | undefined {
  const data = flatten(cursor.data, path);
  return data ? { path: [...cursor.path, ...path], data, fullResult: cursor.fullResult } : undefined;
}

function flatten(value: unknown, path: string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined || value == null) return value;
  if (head === '@') return Array.isArray(value) ? value.flatMap((element) => flatten(element, rest)) : undefined;
  if (Array.isArray(value) || typeof value !== 'object') return undefined;
  return flatten(Object.hasOwn(value, head) ? (value as Json)[head] : undefined, rest);
}

/** An entity's representation: the `requires` selection of what is known of it. */
function select(schema: GraphQLSchema, source: Json | null, selections: QueryPlanSelectionNode[]): Json | null {
  if (source === null) return null;
  const result: Json = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const value = source[name];
      if (value === undefined) return null;
      const inner = selection.selections;
      result[name] = Array.isArray(value)
        ? value.map((v: unknown) => (inner ? select(schema, v as Json, inner) : v))
        : inner
          ? select(schema, value as Json, inner)
          : value;
    } else if (selection.typeCondition && isOfType(schema, source, selection.typeCondition)) {
      merge(result, select(schema, source, selection.selections));
    }
  }
  return result;
}

function isOfType(schema: GraphQLSchema, source: Json, typeName: string): boolean {
  const runtime = source.__typename;
  if (typeof runtime !== 'string') return false;
  if (runtime === typeName) return true;
  const condition = schema.getType(typeName);
  const type = schema.getType(runtime);
  return isAbstractType(condition) && isObjectType(type) && schema.isSubType(condition, type);
}

/** Merges what a fetch returned into what is known (objects merged key by key, lists element by element). */
function merge(target: Json, source: Json | null | undefined): void {
  if (!source) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined || key === '__proto__') continue;
    const current = target[key];
    if (current && typeof current === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      merge(current as Json, value as Json);
    } else if (Array.isArray(value) && Array.isArray(current) && value.length === current.length) {
      const list: unknown[] = current;
      value.forEach((item: unknown, i) => {
        const known = list[i];
        if (isObject(known) && isObject(item)) merge(known, item);
        else list[i] = item;
      });
    } else {
      target[key] = value;
    }
  }
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
