import { GraphQLScalarType } from 'graphql';

/** Dates leave as ISO-8601 UTC strings; incoming ones are checked where they are used. */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date and time in UTC.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : value),
});
