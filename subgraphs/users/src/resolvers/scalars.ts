import { GraphQLScalarType, Kind } from 'graphql';

/** Parses client input as an ISO-8601 instant, rejecting anything else. */
function parseInstant(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new TypeError('DateTime must be an ISO-8601 date-time string');
  }
  return new Date(value).toISOString();
}

/** `DateTime` goes out as an ISO-8601 UTC string, whether the model holds a Date or a string. */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date and time in UTC.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    return parseInstant(value);
  },
  parseValue: parseInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be an ISO-8601 date-time string');
    return parseInstant(ast.value);
  },
});
