// The public face of the audit module: what other modules, app.ts, cli.ts and jobs may use.
export { registerAuditRoutes } from './routes.js';
export { verifyAuditChain } from './service.js';
