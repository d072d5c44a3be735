import { redactAuditPayload } from '../members/index.js';
import type { AuditRow } from './queries.js';

/** An event as the auditor reads it: personal fields inside before/after are masked (members' rule). */
export function presentAuditEvent(row: AuditRow) {
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actorName: row.actorName,
    orgId: row.orgId,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: redactAuditPayload(row.before),
    after: redactAuditPayload(row.after),
    hash: row.hash,
  };
}
