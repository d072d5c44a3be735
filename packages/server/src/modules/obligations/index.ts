// The public face of the obligations module: what other modules, app.ts, cli.ts and jobs may use.
export type { MemberProvider, ObligationProvider, OrgProvider, SubjectFacts } from './provider.js';
export {
  countScannedSubjects,
  refreshAllObligations,
  refreshObligations,
  runDailySteps,
} from './refresh.js';
export { type DailyStep, dailySteps, obligationKindLabel, obligationProviders } from './registry.js';
export { registerObligationRoutes } from './routes.js';
export { exportObligations, listObligations } from './service.js';
