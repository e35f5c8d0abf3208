import type { MutationResolvers } from '../generated/resolvers.js';

type Resolver<K extends keyof MutationResolvers> = NonNullable<MutationResolvers[K]>;

const register: Resolver<'register'> = (_, { input }, ctx) => ctx.sessions.register(input);

const login: Resolver<'login'> = (_, { input }, ctx) => ctx.sessions.login(input);

const refreshSession: Resolver<'refreshSession'> = (_, { refreshToken }, ctx) => ctx.sessions.refresh(refreshToken);

const logout: Resolver<'logout'> = (_, { refreshToken }, ctx) => ctx.sessions.logout(refreshToken);

export const Mutation: MutationResolvers = { register, login, refreshSession, logout };
