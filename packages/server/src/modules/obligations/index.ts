export { refreshObligations } from './refresh.js';
