// The public face of the meetings module (organizational life): what other modules, app.ts, cli.ts and jobs may use.
export { registerMeetingRoutes } from './routes.js';
export { lifeRecordsOf, recordLife } from './service/life.js';
