// The public face of the mobility module: what other modules, app.ts, cli.ts and jobs may use.
// Kept for members/form-pdf.ts until it imports from letters, where the certificate's font lookup now lives.
export { findCjkFont } from '../letters/index.js';
export { mobilityObligations } from './obligations-provider.js';
export { applyRegisterMarks, refreshAfterRegister } from './register.js';
export { registerMobilityRoutes } from './routes.js';
export { logContact } from './service/contacts.js';
export { updateOutflow } from './service/outflows.js';
export { submitReport } from './service/reports.js';
export { flagLostContact } from './service/standing-members.js';
export { registerStandingRoutes } from './standing-routes.js';
