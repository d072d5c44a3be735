import type { OverrideRow, VersionRow } from './queries.js';

/** Where a layer of an effective policy comes from: the organization and its version. */
export function presentSource(row: OverrideRow) {
  return { orgId: row.orgId, orgName: row.orgName, version: row.version, effectiveFrom: row.effectiveFrom };
}

export function presentVersion(row: VersionRow) {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    document: row.document,
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
  };
}
