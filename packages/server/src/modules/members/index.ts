// The public face of the members module: what other modules, app.ts, cli.ts and jobs may use.
export { memberFilterSchema } from '@dangjian/core';
export { backfillIdSuffixHashes } from './backfill.js';
export { type MemberRow, maskAddress, redactAuditPayload, revealable } from './presenter.js';
export { loadMemberInScope, type MemberFilter, memberColumns, memberWhere } from './queries.js';
export { checkMemberFields, type MemberFields, toMemberColumns } from './record.js';
export { registerMemberRoutes } from './routes.js';
export { createMember } from './service/records.js';
