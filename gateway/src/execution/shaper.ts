import { ERRORS } from '@apollo/federation-internals';
import {
  getDirectiveValues,
  getNullableType,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isEnumType,
  isLeafType,
  isListType,
  isSpecifiedScalarType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

type Json = Record<string, unknown>;
type Path = Array<string | number>;

/** A selection compiled against the API schema: fields, or fragments on object types. */
type Step =
  | { kind: 'typename'; responseName: string; node: FieldNode; when: Conditional }
  | {
      kind: 'field';
      responseName: string;
      type: GraphQLOutputType;
      /** The type the field is selected on (for error messages). */
      parent: string;
      sub: Step[] | undefined;
      /** For a leaf field: whether a value is one the API schema allows. */
      valid: ((value: unknown) => boolean) | undefined;
      node: FieldNode;
      when: Conditional;
    }
  | {
      kind: 'fragment';
      on: GraphQLObjectType | undefined;
      steps: Step[];
      node: { directives?: FieldNode['directives'] };
      when: Conditional;
    };

/** Only selections carrying @skip or @include are checked per request. */
type Conditional = boolean;

/** The value a non-null position passes up when it got null: the nearest nullable position becomes null. */
const bubble = Symbol('bubble');

/** A leaf value the API schema does not allow (already reported): null, and no second error if non-null. */
const invalid = Symbol('invalid');

interface State {
  variables: Record<string, unknown>;
  errors: GraphQLError[];
}

/** Shapes the merged subgraph data into exactly the client's response. */
export type Shape = (input: Json, variables: Record<string, unknown>) => { data: Json | null; errors: GraphQLError[] };

/**
 * Compiles the client's operation into a function that turns the data the
 * query plan's fetches merged together into the response: the client's
 * fields in the client's order under their response names (without the
 * keys and `__typename`s the planner added), with non-null violations
 * nulling the nearest nullable position, as graphql-js would. Apollo's
 * gateway interprets the operation for every value instead, which on a
 * 10,000-seat map costs more than the subgraph's own execution.
 *
 * Returns undefined for what it does not handle (abstract types,
 * introspection, @defer): those requests take Apollo's own executor.
 */
export function compileShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): Shape | undefined {
  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const steps = compileSelections(schema, operation.selectionSet, root, fragments, new Set());
  if (!steps) return undefined;
  return (input, variables) => {
    const state: State = { variables, errors: [] };
    const output = Object.create(null) as Json;
    const ok = applySteps(steps, input, output, root, [], state);
    return { data: ok ? output : null, errors: state.errors };
  };
}

function compileSelections(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLObjectType,
  fragments: Record<string, FragmentDefinitionNode>,
  spreading: Set<string>,
): Step[] | undefined {
  const steps: Step[] = [];
  for (const selection of selectionSet.selections) {
    const when = (selection.directives ?? []).some((d) => d.name.value === 'skip' || d.name.value === 'include');
    if ((selection.directives ?? []).some((d) => d.name.value === 'defer' || d.name.value === 'stream'))
      return undefined;
    if (selection.kind === Kind.FIELD) {
      const step = compileField(schema, selection, parent, fragments, spreading, when);
      if (!step) return undefined;
      steps.push(step);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (!fragment) return undefined;
    const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
    if (name && spreading.has(name)) return undefined;
    const on = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
    if (!isObjectType(on)) return undefined;
    const inner = compileSelections(
      schema,
      fragment.selectionSet,
      on,
      fragments,
      name ? new Set([...spreading, name]) : spreading,
    );
    if (!inner) return undefined;
    steps.push({ kind: 'fragment', on: on === parent ? undefined : on, steps: inner, node: selection, when });
  }
  return steps;
}

function compileField(
  schema: GraphQLSchema,
  node: FieldNode,
  parent: GraphQLObjectType,
  fragments: Record<string, FragmentDefinitionNode>,
  spreading: Set<string>,
  when: boolean,
): Step | undefined {
  const name = node.name.value;
  const responseName = node.alias?.value ?? name;
  if (name === '__typename') return { kind: 'typename', responseName, node, when };
  if (name.startsWith('__')) return undefined;
  const definition = parent.getFields()[name];
  if (!definition) return undefined;
  let named: GraphQLOutputType = definition.type;
  while (isNonNullType(named) || isListType(named)) named = named.ofType;
  if (isLeafType(named)) {
    const valid = leafCheck(named);
    return {
      kind: 'field',
      responseName,
      type: definition.type,
      parent: parent.name,
      sub: undefined,
      valid,
      node,
      when,
    };
  }
  if (!isObjectType(named) || !node.selectionSet) return undefined;
  const sub = compileSelections(schema, node.selectionSet, named, fragments, spreading);
  if (!sub) return undefined;
  return { kind: 'field', responseName, type: definition.type, parent: parent.name, sub, valid: undefined, node, when };
}

function skipped(step: Step, variables: Record<string, unknown>): boolean {
  if (!step.when) return false;
  const node = step.node as FieldNode;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return true;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false;
}

/** Copies the selected fields of `input` into `output`; false when a non-null field bubbled. */
function applySteps(
  steps: Step[],
  input: Json,
  output: Json,
  parent: GraphQLObjectType,
  path: Path,
  state: State,
): boolean {
  for (const step of steps) {
    if (skipped(step, state.variables)) continue;
    if (step.kind === 'fragment') {
      if (step.on && !typenameIs(input, step.on, parent)) continue;
      if (!applySteps(step.steps, input, output, step.on ?? parent, path, state)) return false;
      continue;
    }
    if (step.kind === 'typename') {
      if (!Object.hasOwn(output, step.responseName)) output[step.responseName] = parent.name;
      continue;
    }
    // Already nulled by an earlier selection of the same response name: it stays null.
    if (output[step.responseName] === null) continue;
    path.push(step.responseName);
    const value = complete(step.type, own(input, step.responseName), output[step.responseName], step, path, state);
    path.pop();
    if (value === bubble) return false;
    output[step.responseName] = value;
  }
  return true;
}

/** Whether the object's runtime type (its __typename, else the parent) is `type`. */
function typenameIs(input: Json, type: GraphQLObjectType, parent: GraphQLObjectType): boolean {
  const typename = input.__typename;
  return (typeof typename === 'string' ? typename : parent.name) === type.name;
}

function complete(
  type: GraphQLOutputType,
  input: unknown,
  existing: unknown,
  step: Extract<Step, { kind: 'field' }>,
  path: Path,
  state: State,
): unknown {
  if (isNonNullType(type)) {
    const value = completeNullable(type.ofType, input, existing, step, path, state);
    if (value === null) {
      state.errors.push(nullError(path, type.ofType, step.parent));
      return bubble;
    }
    return value === invalid ? bubble : value;
  }
  const value = completeNullable(type, input, existing, step, path, state);
  return value === bubble || value === invalid ? null : value;
}

function completeNullable(
  type: GraphQLOutputType,
  input: unknown,
  existing: unknown,
  step: Extract<Step, { kind: 'field' }>,
  path: Path,
  state: State,
): unknown {
  if (input === null || input === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(input)) return null;
    const previous = Array.isArray(existing) ? existing : undefined;
    const list = new Array(input.length);
    for (let i = 0; i < input.length; i++) {
      if (previous?.[i] === null) {
        list[i] = null;
        continue;
      }
      path.push(i);
      const value = complete(type.ofType, input[i], previous?.[i], step, path, state);
      path.pop();
      if (value === bubble) return bubble;
      list[i] = value;
    }
    return list;
  }
  if (!step.sub) {
    if (step.valid?.(input) !== false) return input;
    state.errors.push(invalidValueError(path, type, step.parent));
    return invalid;
  }
  const object = getNullableType(type) as GraphQLObjectType;
  if (typeof input !== 'object') return null;
  const output = existing && typeof existing === 'object' ? (existing as Json) : (Object.create(null) as Json);
  return applySteps(step.sub, input as Json, output, object, path, state) ? output : bubble;
}

/** A value of the merged data, only if it is the object's own. */
function own(input: Json, key: string): unknown {
  return Object.hasOwn(input, key) ? (input[key] ?? null) : null;
}

const integerString = /^-?(?:0|[1-9][0-9]*)$/;

/**
 * Which subgraph values of a leaf type the client-facing schema allows,
 * judged as @apollo/gateway judges them: an enum value must exist in the API
 * schema (an @inaccessible value must not reach clients), numbers must fit
 * Int/ID/Float, custom scalars pass as they are.
 */
function leafCheck(type: GraphQLLeafType): (value: unknown) => boolean {
  if (isEnumType(type)) return (value) => typeof value === 'string' && type.getValue(value) !== undefined;
  if (!isSpecifiedScalarType(type)) return () => true;
  const name = type.name;
  const integer = name === 'Int' || name === 'ID';
  return (value) => {
    switch (typeof value) {
      case 'boolean':
        return name === 'Boolean';
      case 'number':
        if (!Number.isFinite(value)) return false;
        return integer ? integerString.test(String(value)) : name === 'Float';
      case 'string':
        return name === 'String' || name === 'ID';
      default:
        return false;
    }
  };
}

/** The error for a leaf value the API schema does not allow, as @apollo/gateway words it. */
function invalidValueError(path: Path, type: GraphQLOutputType, parent: string): GraphQLError {
  return ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describe(path, type, parent)}.`, { path: [...path] });
}

/** The error for a null in a non-null position, worded and coded as @apollo/gateway words it. */
function nullError(path: Path, type: GraphQLOutputType, parent: string): GraphQLError {
  return ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describe(path, type, parent)}.`, {
    path: [...path],
  });
}

function describe(path: Path, type: GraphQLOutputType, parent: string): string {
  const last = path[path.length - 1];
  return typeof last === 'number'
    ? `array element of type ${String(type)} at index ${last}`
    : `field ${parent}.${String(last)}`;
}
