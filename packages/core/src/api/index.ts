// The API contract, one file an area (see common.ts). Each area adds its line here.
export * from './common.js';
export * from './notices.js';
export * from './standing.js';
