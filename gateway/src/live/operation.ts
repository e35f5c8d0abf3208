import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { BadUserInputError, ErrorCode } from '@seats/platform';
import type { Subscription } from './fanout.js';
import type { LivePlanner } from './planner.js';
import { liveSources } from './sources.js';

/** A checked subscribe message: what graphql-ws needs and what the fan-out serves. */
export interface PreparedSubscription {
  document: DocumentNode;
  operationName: string | undefined;
  subscription: Subscription;
}

export interface DocumentLimits {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  /** Hide "Did you mean …?" suggestions (production). */
  hideSuggestions: boolean;
}

/**
 * Checks a client's subscribe message the way the HTTP endpoint checks a
 * request (same parser limits, validation rules and error codes) and turns
 * it into a subscription the fan-out can serve; errors are returned, never
 * thrown, so graphql-ws sends them as the operation's `error` message.
 */
export function prepareSubscription(
  planner: LivePlanner,
  limits: DocumentLimits,
  payload: SubscribePayload,
): PreparedSubscription | GraphQLError[] {
  let document;
  try {
    document = parse(payload.query, limits.parseOptions);
  } catch (err) {
    return [coded(err instanceof GraphQLError ? err.message : 'Syntax error', 'GRAPHQL_PARSE_FAILED')];
  }
  const invalid = validate(planner.apiSchema, document, [...specifiedRules, ...limits.validationRules]);
  if (invalid.length > 0) {
    return invalid.map((e) =>
      coded(limits.hideSuggestions ? withoutSuggestions(e.message) : e.message, 'GRAPHQL_VALIDATION_FAILED'),
    );
  }
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) return [coded('Unable to identify the operation', ErrorCode.BadRequest)];
  if (operation.operation !== 'subscription') {
    return [
      coded(
        'Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql',
        ErrorCode.BadRequest,
      ),
    ];
  }
  const variables = getVariableValues(planner.apiSchema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (variables.errors) return variables.errors.map((e) => coded(e.message, ErrorCode.BadUserInput));
  const field = operation.selectionSet.selections[0];
  const root = planner.apiSchema.getSubscriptionType();
  const definition = field?.kind === Kind.FIELD ? root?.getFields()[field.name.value] : undefined;
  const source = definition ? liveSources[definition.name] : undefined;
  if (field?.kind !== Kind.FIELD || !definition || !source) {
    return [coded('Select one subscription field directly on the operation', ErrorCode.BadRequest)];
  }
  let subject: string;
  try {
    subject = source(getArgumentValues(definition, field, variables.coerced));
  } catch (err) {
    if (err instanceof BadUserInputError) return [err];
    throw err;
  }
  const text = print(document);
  const plan = planner.plan(`${operationName ?? ''}\n${text}`, document, operationName);
  const key = `${subject}\n${operationName ?? ''}\n${JSON.stringify(variables.coerced)}\n${text}`;
  return { document, operationName, subscription: { key, subject, plan, variables: variables.coerced } };
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*\?$/, '');
}
