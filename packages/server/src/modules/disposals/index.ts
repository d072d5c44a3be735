// The public face of the disposals module: what other modules, app.ts and jobs may use.
export { type DisposalCandidateInput, openDisposalCandidate } from './candidates.js';
export { openDailyCandidates } from './daily.js';
export { disposalObligations } from './obligations-provider.js';
export { registerDisposalRoutes } from './routes.js';
