export { refreshObligations } from './refresh.js';
export { registerObligationRoutes } from './routes.js';
