// The public face of the public module: what other modules, app.ts, cli.ts and jobs may use.
export { registerPublicRoutes } from './routes.js';
