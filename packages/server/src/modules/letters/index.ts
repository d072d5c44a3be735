// The public face of the letters module: what other modules, app.ts, cli.ts and jobs may use.
export { type CertificatePrint, findCjkFont, renderCertificatePdf } from './certificate-pdf.js';
export type { LetterRow } from './queries.js';
export { registerLetterRoutes } from './routes.js';
export {
  issueLetter,
  latestLetters,
  printableLetter,
  revokeEpisodeLetters,
  validLetterOfEpisode,
} from './service.js';
