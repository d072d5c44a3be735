// The public face of the auth module: what other modules, app.ts, cli.ts and jobs may use.
export { registerAuthHooks, requireActor } from './hooks.js';
export { assertStrongPassword, hashPassword } from './password.js';
export { registerAuthRoutes } from './routes.js';
export { bootstrapAdmin, forgetSessions } from './service/index.js';
