// The public face of the policies module: what other modules, app.ts, cli.ts and jobs may use.
export { registerPolicyRoutes } from './routes.js';
export { effectivePolicy, policyResolver } from './service.js';
