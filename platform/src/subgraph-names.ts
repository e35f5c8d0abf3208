/**
 * The platform's parts, declared once: every list of subgraphs (composition,
 * codegen, checks, the stack, configuration) is this one, so adding a
 * subgraph is a type error everywhere it is not yet wired.
 */
export const subgraphNames = ['users', 'catalog', 'shows', 'bookings', 'payments', 'notifications'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

/** Where each part listens unless configured otherwise (see config.ts). */
export const defaultPorts: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  users: 4001,
  catalog: 4002,
  shows: 4003,
  bookings: 4004,
  payments: 4005,
  notifications: 4006,
};
