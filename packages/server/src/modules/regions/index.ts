// The public face of the regions module: what other modules, app.ts, cli.ts and jobs may use.
export { registerRegionRoutes } from './routes.js';
