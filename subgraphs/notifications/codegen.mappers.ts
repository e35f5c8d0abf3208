/** Model types the resolvers return, by GraphQL type (see codegen.ts). */
export const mappers: Record<string, string> = {
  Notification: '../models.js#NotificationModel',
  User: '../models.js#UserRef',
};
