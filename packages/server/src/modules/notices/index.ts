// The public face of the notices module: what other modules, app.ts, cli.ts and jobs may use.
export { type Provider, providersFromConfig } from './providers.js';
export { registerNoticeRoutes } from './routes.js';
export { deliverPending } from './service/delivery.js';
export { queueReminders } from './service/reminders.js';
