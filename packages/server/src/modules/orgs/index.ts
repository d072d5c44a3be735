// The public face of the orgs module: what other modules, app.ts, cli.ts and jobs may use.
export { registerOrgRoutes } from './routes.js';
export { addPost, createOrg } from './service/index.js';
