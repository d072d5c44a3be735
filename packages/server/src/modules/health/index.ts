// The public face of the health module: what other modules, app.ts, cli.ts and jobs may use.
export { registerHealthRoutes } from './routes.js';
