import { p } from '../b/index.js';
import { q } from '../b/queries.js';
import { s } from './own.js';
export const x = [q, p, s];
