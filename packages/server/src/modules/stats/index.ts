// The public face of the stats module: what other modules, app.ts, cli.ts and jobs may use.
export { registerStatsRoutes } from './routes.js';
