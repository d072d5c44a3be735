import { correctionObligations } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { MemberProvider, SubjectFacts } from '../obligations/index.js';

interface FactsRow extends SubjectFacts {
  followUpOn: string;
  reviewedOn: string | null;
}

/** A member's latest decided 限期改正 with its end, of members still in the Party. */
const latestCorrection = sql`d.status = 'decided' and d.decision = 'correction_period' and d.follow_up_on is not null
  and m.exit_kind is null
  and not exists (select 1 from disposals n where n.member_id = d.member_id and n.status = 'decided'
    and n.decision = 'correction_period' and (n.last_step_on, n.id) > (d.last_step_on, d.id))`;

function factsQuery(where: SQL) {
  return sql`
    select d.member_id as "subjectId", m.org_id as "orgId", o.path::text as "orgPath",
      d.follow_up_on::text as "followUpOn",
      (select min(r.created_on)::text from disposals r where r.member_id = d.member_id
         and r.ground = 'correction_failed' and r.created_on >= d.last_step_on) as "reviewedOn"
    from disposals d join members m on m.id = d.member_id join orgs o on o.id = m.org_id
    where ${latestCorrection} and ${where}`;
}

/**
 * What a decided 限期改正 leaves owing (RULES.md §6, L378): its review at the end of the period, judged by
 * core's `correctionObligations` under the meetings policy of the member's organization.
 */
export const disposalObligations: MemberProvider<'meetings', FactsRow> = {
  name: 'disposals',
  kinds: ['disposal'],
  labels: { disposal: '限期改正期满考察' },
  owedBy: 'member',
  policy: 'meetings',
  subjects: sql`select d.member_id as id from disposals d join members m on m.id = d.member_id
    where ${latestCorrection}`,
  subjectColumn: sql`d.member_id`,
  facts: factsQuery,
  judge: (policy, f, asOf) =>
    correctionObligations(
      policy,
      { memberId: f.subjectId, followUpOn: f.followUpOn, reviewedOn: f.reviewedOn },
      asOf,
    ),
};
