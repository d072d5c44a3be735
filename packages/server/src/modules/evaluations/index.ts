// The public face of the evaluations module (yearly reviews): what other modules, app.ts, cli.ts and jobs may use.
export { registerEvaluationRoutes } from './routes.js';
export { recordReview, reviewsOf } from './service.js';
