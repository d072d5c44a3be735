// The public face of the mobility module: what other modules, app.ts, cli.ts and jobs may use.
export { findCjkFont } from './certificate-pdf.js';
export {
  countScannedMembers,
  exportObligations,
  listObligations,
  refreshAllObligations,
  refreshMemberObligations,
} from './obligations.js';
export { applyRegisterMarks, refreshAfterRegister } from './register.js';
export { registerMobilityRoutes } from './routes.js';
export {
  addDays,
  addMonths,
  type contactChannels,
  logContact,
  recordLife,
  submitReport,
  updateOutflow,
} from './service.js';
export { flagLostContact } from './service/standing-members.js';
export { registerStandingRoutes } from './standing-routes.js';
