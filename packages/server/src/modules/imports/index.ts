// The public face of the imports module: what other modules, app.ts, cli.ts and jobs may use.
export { importFromCli } from './cli.js';
export { registerImportRoutes } from './routes.js';
export { failInterruptedImports } from './service/jobs.js';
export { openFirstWorksheet } from './xlsx-reader.js';
export { checkXlsxContainer } from './zip-guard.js';
