import { sql } from 'drizzle-orm';
import type { Database } from '../db/engine.js';
import { type Actor, isUuid, memberSubtree, subtree } from './authz.js';

/** How many distinct ids one page of history may name; a page of 500 events stays well below. */
const MAX_REFS = 2000;

/** Every uuid inside the given values, however deep (audit before/after documents nest). */
export function collectIds(values: unknown[]): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (found.size >= MAX_REFS) return;
    if (typeof v === 'string') {
      if (isUuid(v)) found.add(v.toLowerCase());
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x);
    }
  };
  for (const v of values) walk(v);
  return [...found];
}

/**
 * Names for the ids a page of history or audit mentions, so people read "张三" and "红星村党支部" instead
 * of uuids. Only what the caller may see is named: an organization or member outside the scope stays
 * unnamed (the page says so), and accounts are named by username, which the audit log already shows.
 */
export async function resolveRefs(
  database: Database,
  actor: Actor,
  values: unknown[],
): Promise<Record<string, string>> {
  const ids = collectIds(values);
  if (ids.length === 0) return {};
  // A member account reads only its own history: nothing there needs another record's name.
  if (actor.role === 'member') return {};
  const list = sql`(select unnest(${`{${ids.join(',')}}`}::uuid[]))`;
  const rows = await database.rows<{ id: string; name: string }>(sql`
    select id::text as id, name from orgs where id in ${list} and ${subtree(actor, sql`path`)}
    union all
    select id::text, name from members where id in ${list} and ${memberSubtree(actor, sql`org_id`)}
    union all
    select id::text, coalesce(display_name, username) from users where id in ${list}`);
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
