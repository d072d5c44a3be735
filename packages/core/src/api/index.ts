// The API contract, one file an area (see common.ts). Each area adds its line here.

export * from './audit.js';
export * from './auth.js';
export * from './common.js';
export * from './contact-changes.js';
export * from './disposals.js';
export * from './dues.js';
export * from './evaluations.js';
export * from './health.js';
export * from './imports.js';
export * from './letters.js';
export * from './meetings.js';
export * from './members.js';
export * from './mobility.js';
export * from './notices.js';
export * from './obligations.js';
export * from './orgs.js';
export * from './policies.js';
export * from './regions.js';
export * from './standing.js';
export * from './stats.js';
export * from './users.js';
