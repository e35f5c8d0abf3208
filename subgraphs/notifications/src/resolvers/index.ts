import type { Resolvers } from '../generated/resolvers.js';
import * as user from './user.js';

/** The notifications subgraph's resolvers. */
export const resolvers: Resolvers = {
  User: {
    __resolveReference: user.resolveReference,
    notifications: user.notifications,
  },
};
