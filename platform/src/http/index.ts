export * from './server.js';
export * from './apollo.js';
