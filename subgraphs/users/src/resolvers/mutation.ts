import type { MutationResolvers } from '../generated/resolvers.js';

const register: NonNullable<MutationResolvers['register']> = async (_parent, { input }, { accounts, sessions }) =>
  sessions.start(await accounts.register(input));

const login: NonNullable<MutationResolvers['login']> = async (_parent, { input }, { accounts, sessions }) =>
  sessions.start(await accounts.authenticate(input));

const refreshSession: NonNullable<MutationResolvers['refreshSession']> = async (
  _parent,
  { refreshToken },
  { sessions },
) => sessions.refresh(refreshToken);

const logout: NonNullable<MutationResolvers['logout']> = async (_parent, { refreshToken }, { sessions }) =>
  sessions.logout(refreshToken);

export const Mutation: MutationResolvers = { register, login, refreshSession, logout };
