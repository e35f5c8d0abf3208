import { DateTime } from '@seats/platform';
import type { Resolvers } from '../generated/resolvers.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { User } from './user.js';

/** Every resolver of the users subgraph. */
export const resolvers: Resolvers = { DateTime, Query, Mutation, User };
