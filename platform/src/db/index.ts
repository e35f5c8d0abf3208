export * from './database.js';
export * from './outbox.js';
export * from './processed-events.js';
export * from './pg-errors.js';
