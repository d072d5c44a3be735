// The public face of the contact-changes module: what other modules, app.ts, cli.ts and jobs may use.
export { registerContactChangeRoutes } from './routes.js';
