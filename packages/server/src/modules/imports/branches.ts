import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Actor, type ScopedOrg, underOrg } from '../../lib/authz.js';

export interface BranchIndex {
  /** The organization a 所在党支部 cell names, inside the import's root subtree. */
  resolve(cell: string | null): { id: string } | { error: string };
  /** What the export writes for an organization, so that re-import resolves it back. */
  label(orgId: string): string | null;
}

/**
 * Names are what people type, but two branches under different general branches may share one;
 * then the path below the root, joined by '/', tells them apart.
 */
export async function loadBranchIndex(ctx: AppContext, actor: Actor, root: ScopedOrg): Promise<BranchIndex> {
  const rows = await ctx.database.rows<{ id: string; name: string; parentId: string | null }>(sql`
    select id, name, parent_id as "parentId" from orgs
    where ${underOrg(actor, root, sql`path`)} and dissolved_at is null order by nlevel(path)`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const relPath = (id: string): string => {
    const parts: string[] = [];
    for (
      let cur = byId.get(id);
      cur && cur.id !== root.id;
      cur = cur.parentId ? byId.get(cur.parentId) : undefined
    ) {
      parts.unshift(cur.name);
    }
    return parts.join('/');
  };
  const byName = new Map<string, string[]>();
  const byPath = new Map<string, string>();
  for (const r of rows) {
    if (r.id === root.id) continue;
    byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
    byPath.set(relPath(r.id), r.id);
  }
  const norm = (s: string) => s.trim().replace(/\s*\/\s*/g, '/');
  return {
    resolve(cell) {
      const value = cell ? norm(cell) : '';
      if (!value || value === root.name) return { id: root.id };
      const viaPath = byPath.get(value);
      if (viaPath) return { id: viaPath };
      const named = byName.get(value) ?? [];
      if (named.length === 1) return { id: named[0]! };
      if (named.length > 1) return { error: `组织“${value}”有重名，请写明上级，如“上级组织/${value}”` };
      return { error: `在“${root.name}”及其下级中找不到组织“${value}”` };
    },
    label(orgId) {
      if (orgId === root.id) return null;
      const row = byId.get(orgId);
      if (!row) return null;
      return (byName.get(row.name)?.length ?? 0) > 1 ? relPath(orgId) : row.name;
    },
  };
}
