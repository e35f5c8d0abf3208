import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type VariableDefinitionNode,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloCodedError, BadRequestError, BadUserInputError } from '@seats/platform';
import type { Subscription } from './fanout.js';
import type { LivePlan, LivePlanner } from './planner.js';
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

/** A subscription document that passed every check, with its plan; shared by all who send it. */
interface CheckedDocument {
  document: DocumentNode;
  operationName: string | undefined;
  field: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  source: (args: Record<string, unknown>) => string;
  variableDefinitions: readonly VariableDefinitionNode[];
  plan: LivePlan;
  /** The printed document: the same text however the client spaced it. */
  text: string;
}

/**
 * Checks a client's subscribe message the way the HTTP endpoint checks a
 * request (same parser limits, validation rules and error codes) and turns
 * it into a subscription the fan-out can serve; errors are returned, never
 * thrown, so graphql-ws sends them as the operation's `error` message.
 * Documents are checked and planned once per text; a subscribe then only
 * coerces its variables.
 */
export class SubscriptionChecker {
  private readonly documents = new Map<string, CheckedDocument | GraphQLError[]>();

  constructor(
    private readonly planner: LivePlanner,
    private readonly limits: DocumentLimits,
    private readonly cacheSize = 1000,
  ) {}

  prepare(payload: SubscribePayload): PreparedSubscription | GraphQLError[] {
    const checked = this.check(payload.query, payload.operationName ?? undefined);
    if (Array.isArray(checked)) return checked;
    const schema = this.planner.apiSchema;
    const variables = getVariableValues(schema, checked.variableDefinitions, payload.variables ?? {});
    if (variables.errors) return variables.errors.map((e) => new BadUserInputError('variables', e.message));
    let subject: string;
    try {
      subject = checked.source(getArgumentValues(checked.definition, checked.field, variables.coerced));
    } catch (err) {
      if (err instanceof BadUserInputError) return [err];
      throw err;
    }
    const { document, operationName, plan, text } = checked;
    const key = `${subject}\n${operationName ?? ''}\n${JSON.stringify(variables.coerced)}\n${text}`;
    return { document, operationName, subscription: { key, subject, plan, variables: variables.coerced } };
  }

  private check(query: string, operationName: string | undefined): CheckedDocument | GraphQLError[] {
    const cacheKey = `${operationName ?? ''}\n${query}`;
    let checked = this.documents.get(cacheKey);
    if (!checked) {
      checked = this.checkDocument(query, operationName);
      if (this.documents.size >= this.cacheSize) this.documents.delete(this.documents.keys().next().value!);
      this.documents.set(cacheKey, checked);
    }
    return checked;
  }

  private checkDocument(query: string, operationName: string | undefined): CheckedDocument | GraphQLError[] {
    let document;
    try {
      document = parse(query, this.limits.parseOptions);
    } catch (err) {
      return [
        new ApolloCodedError(
          err instanceof GraphQLError ? err.message : 'Syntax error',
          ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
        ),
      ];
    }
    const schema = this.planner.apiSchema;
    const invalid = validate(schema, document, [...specifiedRules, ...this.limits.validationRules]);
    if (invalid.length > 0) {
      const hide = this.limits.hideSuggestions;
      return invalid.map(
        (e) =>
          new ApolloCodedError(
            hide ? withoutSuggestions(e.message) : e.message,
            ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
          ),
      );
    }
    const operation = getOperationAST(document, operationName);
    if (!operation) return [new BadRequestError('Unable to identify the operation')];
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [
        new BadRequestError(
          'Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql',
        ),
      ];
    }
    const field = operation.selectionSet.selections[0];
    const definition =
      field?.kind === Kind.FIELD ? schema.getSubscriptionType()?.getFields()[field.name.value] : undefined;
    const source = definition ? liveSources[definition.name] : undefined;
    if (field?.kind !== Kind.FIELD || !definition || !source) {
      return [new BadRequestError('Select one subscription field directly on the operation')];
    }
    const text = print(document);
    let plan: LivePlan;
    try {
      plan = this.planner.plan(document, operationName);
    } catch {
      return [new BadRequestError('This subscription cannot be planned')];
    }
    const variableDefinitions = operation.variableDefinitions ?? [];
    return { document, operationName, field, definition, source, variableDefinitions, plan, text };
  }
}

function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*\?$/, '');
}
