// The public face of the users module: what other modules, app.ts, cli.ts and jobs may use.
export { registerUserRoutes } from './routes.js';
