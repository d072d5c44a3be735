import type { Obligation, ObligationSubject, OrgObligation } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import { arrayParam, unnestInsert } from '../../db/bulk.js';
import type { Executor } from '../../db/engine.js';
import { obligations, orgObligations } from '../../db/schema.js';
import type { ObligationProvider } from './provider.js';

/** Where each subject's obligations are stored, and the key of a row there. */
const stores = {
  member: { table: obligations, name: 'obligations', column: sql.raw('member_id'), key: 'memberId' },
  org: { table: orgObligations, name: 'org_obligations', column: sql.raw('org_id'), key: 'orgId' },
} as const satisfies Record<ObligationSubject, unknown>;

/**
 * Whose rows a write replaces: the subjects given (a refresh inside a write), or a keyset range of the
 * scan (ids after `after`, through `through`, or all of them when it is null), which also drops the rows
 * of anyone in the range the provider no longer judges (an episode closed). A range is an index range
 * of the store's key, whatever the statistics say (the embedded engine has none inside a run).
 */
export type Subjects = { ids: string[] } | { after: string; through: string | null };

/**
 * Makes the subjects' stored obligations of the provider's kinds the given ones, writing only what
 * changed: on most days most rows are what the last scan left, and an unchanged row then costs no dead
 * tuple, index entry or WAL. Rows of other providers' kinds are left alone.
 */
export async function writeCurrent(
  ex: Executor,
  provider: ObligationProvider,
  subjects: Subjects,
  items: (Obligation | OrgObligation)[],
) {
  if ('ids' in subjects && subjects.ids.length === 0) return;
  const { table, name, column, key } = stores[provider.owedBy];
  const rows = items as unknown as Record<string, unknown>[];
  const keys = rows.map((o) => `${o[key]}:${o.kind}`);
  const whose =
    'ids' in subjects
      ? sql`${column} = any(${arrayParam(subjects.ids, 'uuid')})`
      : subjects.through === null
        ? sql`${column} > ${subjects.after}::uuid`
        : sql`${column} > ${subjects.after}::uuid and ${column} <= ${subjects.through}::uuid`;
  await ex.execute(sql`delete from ${table}
    where ${whose} and kind = any(${arrayParam([...provider.kinds], 'text')})
      and not (${column}::text || ':' || kind = any(${arrayParam(keys, 'text')}))`);
  const t = sql.identifier(name);
  for (let i = 0; i < rows.length; i += 20_000) {
    await ex.execute(
      unnestInsert(
        table,
        rows.slice(i, i + 20_000),
        sql`on conflict (${column}, kind) do update set period = excluded.period, due_on = excluded.due_on,
          state = excluded.state, fulfilled_on = excluded.fulfilled_on, computed_at = now()
        where (${t}.period, ${t}.due_on, ${t}.state, ${t}.fulfilled_on)
          is distinct from (excluded.period, excluded.due_on, excluded.state, excluded.fulfilled_on)`,
      ),
    );
  }
}
