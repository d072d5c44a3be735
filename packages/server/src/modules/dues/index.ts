// The public face of the dues module: what other modules, app.ts, cli.ts and jobs may use.
export { registerDuesRoutes } from './routes.js';
