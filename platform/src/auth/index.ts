export * from './identity.js';
export * from './keys.js';
