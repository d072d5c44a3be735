// The public face of the meetings module (organizational life): what other modules, app.ts, cli.ts and jobs may use.

export { registerComplianceRoutes } from './compliance-routes.js';
export { meetingObligations } from './obligations-provider.js';
export { registerMeetingRoutes } from './routes.js';
export { lifeRecordsOf, recordLife } from './service/life.js';
export { orgLadderStep, runOrgLadder } from './service/org-escalations.js';
