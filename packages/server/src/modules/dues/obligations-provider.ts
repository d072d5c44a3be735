import {
  addDuesMonths,
  type DuesFacts,
  duesObligationOf,
  duesPublicationObligationOf,
  monthOfDate,
  monthRange,
} from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../db/bulk.js';
import { write } from '../../lib/write.js';
import type { DailyStep, MemberProvider, OrgProvider, SubjectFacts } from '../obligations/index.js';
import { policyResolver } from '../policies/index.js';
import { runBefore, unpaidMonthsSql, wholeScan } from './service/arrears.js';

interface MemberFactsRow extends SubjectFacts {
  /** `from:next` per assessment (next: the member's next assessment that year, or empty), comma-joined. */
  spans: string | null;
  /** `month@paidOn`, comma-joined. */
  paid: string | null;
  /** `from:to` of approved exemptions. */
  exempt: string | null;
  /** Months marked delayed with a reason in the branch's cycle. */
  delayed: string | null;
}

/** From the first of last year: arrears across the new year stay visible, and older years are settled history. */
const sinceLastYear = sql`(extract(year from current_date)::int - 1)`;
const assessedRecently = sql`exists (select 1 from dues_assessments a where a.member_id = m.id
  and a.superseded_by is null and a.year >= ${sinceLastYear})`;

function memberFacts(where: SQL) {
  return sql`
    select m.id as "subjectId", m.org_id as "orgId", o.path::text as "orgPath",
      (select string_agg(a.from_month || ':' || coalesce((select min(b.from_month) from dues_assessments b
          where b.member_id = a.member_id and b.year = a.year and b.superseded_by is null
            and b.from_month > a.from_month), ''), ',')
        from dues_assessments a where a.member_id = m.id and a.superseded_by is null
          and a.year >= ${sinceLastYear}) as spans,
      (select string_agg(p.month || '@' || p.paid_on::text, ',') from dues_payment_months p
        where p.member_id = m.id and p.month >= ${sinceLastYear}::text) as paid,
      (select string_agg(r.from_month || ':' || r.to_month, ',') from dues_reliefs r
        where r.member_id = m.id and r.status = 'approved' and r.kind = 'exemption') as exempt,
      (select string_agg(c.month, ',') from dues_delays d join dues_cycles c on c.id = d.cycle_id
        where d.member_id = m.id) as delayed
    from members m join orgs o on o.id = m.org_id
    where m.exit_kind is null and ${assessedRecently} and ${where}`;
}

const list = (joined: string | null) => (joined ? joined.split(',') : []);

function toFacts(r: MemberFactsRow): DuesFacts {
  return {
    memberId: r.subjectId,
    assessedMonths: list(r.spans).flatMap((s) => {
      const [from, next] = s.split(':') as [string, string];
      return monthRange(from, next ? addDuesMonths(next, -1) : `${from.slice(0, 4)}-12`);
    }),
    paid: list(r.paid).map((p) => {
      const [month, on] = p.split('@') as [string, string];
      return { month, on };
    }),
    excusedMonths: [
      ...list(r.exempt).flatMap((s) => monthRange(...(s.split(':') as [string, string]))),
      ...list(r.delayed),
    ],
  };
}

/**
 * The `dues` member obligation (issue 10 §7; RULES.md §1 "pay monthly, on a fixed collection day"): a
 * reminder before the collection day and an escalation after the policy's unpaid months, judged by core's
 * `duesObligationOf` under the dues policy of the member's organization.
 */
export const duesObligations: MemberProvider<'dues', MemberFactsRow> = {
  name: 'dues',
  kinds: ['dues'],
  labels: { dues: '党费' },
  owedBy: 'member',
  policy: 'dues',
  subjects: sql`select m.id from members m where m.exit_kind is null and ${assessedRecently}`,
  subjectColumn: sql`m.id`,
  facts: memberFacts,
  judge: (policy, facts, asOf) => duesObligationOf(policy, toFacts(facts), asOf),
};

interface OrgFactsRow extends SubjectFacts {
  /** `year@publishedOn`, comma-joined. */
  published: string | null;
}

/** Organizations that assessed members last year owe that year's publication (篇二 L226). */
const collectedLastYear = sql`b.dissolved_at is null and exists (select 1 from dues_assessments a
  where a.org_id = b.id and a.year = ${sinceLastYear})`;

/** `dues_publication` (DOMAIN.md; issue 10 §6): the organization publishes last year's collection and use. */
export const duesPublicationObligations: OrgProvider<'dues', OrgFactsRow> = {
  name: 'dues publication',
  kinds: ['dues_publication'],
  labels: { dues_publication: '党费收缴使用情况公布' },
  owedBy: 'org',
  policy: 'dues',
  subjects: sql`select b.id from orgs b where ${collectedLastYear}`,
  subjectColumn: sql`b.id`,
  facts: (where) => sql`
    select b.id as "subjectId", b.id as "orgId", b.path::text as "orgPath",
      (select string_agg(p.year::text || '@' || p.published_on::text, ',') from dues_publications p
        where p.org_id = b.id) as published
    from orgs b where ${collectedLastYear} and ${where}`,
  judge: (policy, facts, asOf) =>
    duesPublicationObligationOf(
      policy,
      {
        orgId: facts.subjectId,
        published: list(facts.published).map((p) => {
          const [year, on] = p.split('@') as [string, string];
          return { year: Number(year), on };
        }),
      },
      asOf,
    ),
};

interface Opened {
  id: string;
  memberId: string;
  orgId: string;
  orgPath: string;
}

/** The window the daily step looks back over: a locality's setting beyond it counts as the window. */
const NO_DUES_WINDOW_MONTHS = 24;

/**
 * `no_dues_6m` candidates (RULES.md §1 and §6; 篇三 L380 连续 6 个月不交纳党费): active members whose last
 * `noDuesDisposalMonths` months before the month of `asOf` (their organization's dues policy) were all
 * assessed, unexempted and unpaid, none of them marked delayed with a reason (没有正当理由). The unpaid
 * months come from one set-based statement; the insert is another, once per run: a disposal of that
 * ground opened (or dismissed) since the run began adds nothing.
 */
export async function openNoDuesCandidates(ctx: AppContext, asOf: string) {
  const policyOf = await policyResolver(ctx, 'dues', asOf);
  const current = monthOfDate(asOf);
  const last = addDuesMonths(current, -1);
  const owing = await wholeScan<{ memberId: string; orgId: string; path: string; months: string }>(
    ctx,
    sql`
    with u as (${unpaidMonthsSql(sql`true`, addDuesMonths(current, -NO_DUES_WINDOW_MONTHS), last)})
    select m.id as "memberId", m.org_id as "orgId", o.path::text as path,
      string_agg(distinct u.month, ',') as months
    from u join members m on m.id = u.member_id join orgs o on o.id = m.org_id
    where m.exit_kind is null
    group by m.id, m.org_id, o.path
    having max(u.month) = ${last}`,
  );
  const due = owing.flatMap((r) => {
    const n = Math.min(policyOf(r.path).noDuesDisposalMonths, NO_DUES_WINDOW_MONTHS);
    const run = runBefore(new Set(r.months.split(',')), current);
    return n > 0 && run >= n
      ? [{ ...r, first: addDuesMonths(current, -run), from: addDuesMonths(current, -n) }]
      : [];
  });
  return write(ctx, null, async (tx, w) => {
    const opened =
      due.length === 0
        ? []
        : await ctx.database.rows<Opened>(
            sql`
      insert into disposals (id, member_id, org_id, ground, cause, created_on)
      select gen_random_uuid(), t.member_id, t.org_id, 'no_dues_6m', 'unpaid since ' || t.first, ${asOf}::date
      from unnest(${arrayParam(
        due.map((d) => d.memberId),
        'uuid',
      )}, ${arrayParam(
        due.map((d) => d.orgId),
        'uuid',
      )}, ${arrayParam(
        due.map((d) => d.first),
        'text',
      )}, ${arrayParam(
        due.map((d) => d.from),
        'text',
      )}) as t(member_id, org_id, first, from_month)
      where not exists (select 1 from dues_delays d join dues_cycles c on c.id = d.cycle_id
          where d.member_id = t.member_id and c.month >= t.from_month and c.month < ${current})
        and not exists (select 1 from disposals x where x.member_id = t.member_id and x.ground = 'no_dues_6m'
          and x.created_on >= (t.first || '-01')::date)
      on conflict (member_id, ground) where status in ('candidate', 'in_procedure') do nothing
      returning id, member_id as "memberId", org_id as "orgId",
        (select o.path::text from orgs o where o.id = disposals.org_id) as "orgPath"`,
            tx,
          );
    if (opened.length === 0) w.nothingChanged();
    else
      w.audit(
        opened.map((r) => ({
          action: 'disposal.candidate',
          entity: 'disposal',
          entityId: r.id,
          orgId: r.orgId,
          orgPath: r.orgPath,
          after: { memberId: r.memberId, ground: 'no_dues_6m', by: 'daily' },
        })),
      );
    return { opened: opened.length };
  });
}

export const noDuesDailyStep: DailyStep = { name: 'dues: no_dues_6m candidates', run: openNoDuesCandidates };
