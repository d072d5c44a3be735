import { randomUUID } from 'node:crypto';
import { addMonths } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../db/bulk.js';
import { write } from '../../lib/write.js';
import { policyResolver } from '../policies/index.js';

interface Opened {
  id: string;
  memberId: string;
  orgId: string;
  orgPath: string;
  ground: string;
}

const auditOf = (r: Opened) => ({
  action: 'disposal.candidate',
  entity: 'disposal',
  entityId: r.id,
  orgId: r.orgId,
  orgPath: r.orgPath,
  after: { memberId: r.memberId, ground: r.ground, by: 'daily' },
});

/**
 * The disposal candidates the daily work finds (API.md "Disposal": grounds other than the evaluation's and
 * the backward member's enter "at the daily work"), each once while its case is open (`disposals_open_uq`):
 * - no_life_6m: a lapse_candidate escalation (6 consecutive months without organizational life, RULES.md
 *   §4/§6 L380) with no disposal of that ground opened since (a case dismissed stays dismissed for that escalation);
 * - lost_contact: an active member flagged 失联 for at least the mobility policy's `lostContactMonths`,
 *   once for each time lost (a case dismissed while the flag stays is not opened again).
 */
export async function openDailyCandidates(ctx: AppContext, asOf: string) {
  const policyOf = await policyResolver(ctx, 'mobility', asOf);
  const flagged = await ctx.database.rows<{ id: string; orgId: string; orgPath: string; since: string }>(sql`
    select m.id, m.org_id as "orgId", o.path::text as "orgPath", m.lost_contact_since::text as since
    from members m join orgs o on o.id = m.org_id
    where m.exit_kind is null and m.lost_contact and m.lost_contact_since is not null
      and not exists (select 1 from disposals d where d.member_id = m.id and d.ground = 'lost_contact'
        and d.created_on >= m.lost_contact_since)`);
  const lost = flagged.filter((m) => m.since <= addMonths(asOf, -policyOf(m.orgPath).lostContactMonths));
  return write(ctx, null, async (tx, w) => {
    const lapsed = await ctx.database.rows<Opened>(
      sql`
      with candidates as (
        select distinct on (e.member_id) e.member_id, m.org_id, e.created_on
        from escalations e join members m on m.id = e.member_id
        where e.kind = 'lapse_candidate' and m.exit_kind is null
          and not exists (select 1 from disposals d where d.member_id = e.member_id and d.ground = 'no_life_6m'
            and d.created_on >= e.created_on)
        order by e.member_id, e.created_on desc)
      insert into disposals (id, member_id, org_id, ground, cause, created_on)
      select gen_random_uuid(), c.member_id, c.org_id, 'no_life_6m', 'lapse_candidate', ${asOf}::date
      from candidates c
      on conflict (member_id, ground) where status in ('candidate', 'in_procedure') do nothing
      returning id, member_id as "memberId", org_id as "orgId", ground,
        (select o.path::text from orgs o where o.id = disposals.org_id) as "orgPath"`,
      tx,
    );
    const lostOpened =
      lost.length === 0
        ? []
        : await ctx.database.rows<Opened>(
            sql`
      insert into disposals (id, member_id, org_id, ground, cause, created_on)
      select id, member_id, org_id, 'lost_contact', 'lost_contact_since ' || since, ${asOf}::date
      from unnest(${arrayParam(
        lost.map(() => randomUUID()),
        'uuid',
      )}, ${arrayParam(
        lost.map((m) => m.id),
        'uuid',
      )}, ${arrayParam(
        lost.map((m) => m.orgId),
        'uuid',
      )}, ${arrayParam(
        lost.map((m) => m.since),
        'text',
      )}) as t(id, member_id, org_id, since)
      on conflict (member_id, ground) where status in ('candidate', 'in_procedure') do nothing
      returning id, member_id as "memberId", org_id as "orgId", ground,
        (select o.path::text from orgs o where o.id = disposals.org_id) as "orgPath"`,
            tx,
          );
    const opened = [...lapsed, ...lostOpened];
    if (opened.length === 0) w.nothingChanged();
    else w.audit(opened.map(auditOf));
    return { opened: opened.length };
  });
}
