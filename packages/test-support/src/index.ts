export * from './helpers.js';
export * from './standIn.js';
