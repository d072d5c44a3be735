// The public face of the dues module: what other modules, app.ts, cli.ts and jobs may use.

export { assessFromCli } from './cli.js';
export { registerDuesLedgerRoutes } from './ledger-routes.js';
export { duesObligations, duesPublicationObligations, noDuesDailyStep } from './obligations-provider.js';
export { registerDuesRoutes } from './routes.js';
export { duesPaidThrough } from './service/ledger.js';
