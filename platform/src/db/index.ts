export * from './database.js';
export * from './outbox.js';
