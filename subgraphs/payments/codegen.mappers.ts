/** Model types the resolvers return, by GraphQL type (see codegen.ts). */
export const mappers: Record<string, string> = {
  Payment: '../models.js#PaymentModel',
};
