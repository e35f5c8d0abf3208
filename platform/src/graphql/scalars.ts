import { GraphQLScalarType } from 'graphql';

/**
 * The `DateTime` scalar subgraphs declare: out as an ISO-8601 UTC string,
 * whether the model holds a Date or a string. Input strings pass through:
 * the code that uses one validates it, so its error names the input field.
 */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date and time in UTC.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
    throw new TypeError('DateTime cannot represent this value');
  },
});
