/**
 * The shared test fixtures: both modes of the platform, scratch databases,
 * one subgraph in-process on a mode's database and bus, typed in-process
 * GraphQL, assertions on coded errors, polling, callers, and seed builders
 * over the event contract.
 */
export * from './assertions.js';
export * from './backends.js';
export * from './events.js';
export * from './gql.js';
export * from './identities.js';
export * from './migrations.js';
export * from './modes.js';
export * from './ports.js';
export * from './private-nats.js';
export * from './private-postgres.js';
export * from './queries.js';
export * from './scratch-database.js';
export * from './seeds.js';
export * from './subgraph.js';
export * from './teardown.js';
export * from './wait.js';
