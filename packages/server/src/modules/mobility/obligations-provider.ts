import { currentObligationsOf, type MobileFacts, mobilityObligationKinds } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { MemberProvider, SubjectFacts } from '../obligations/index.js';
import { episodeStart } from './queries.js';

interface FactsRow extends SubjectFacts {
  leftOn: string;
  returnedOn: string | null;
  originRegion: string | null;
  destinationRegion: string | null;
  abroadStudy: boolean;
  contactDates: string | null;
  reportMonths: string | null;
  lifeDates: string | null;
  reviewYears: string | null;
}

/** Open episodes that need a document (a stay of more than 3 months), of members still in the Party. */
const needsDocument = sql`e.status = 'open' and e.required_document is distinct from 'none' and m.exit_kind is null`;

/**
 * Facts of members with an open episode that needs a document (a stay of more than 3 months):
 * the people 篇九's "一月一联系、一月一汇报、一年一评议" is about. One query for a batch of members.
 * Dates come as comma-joined text: splitting it costs a third of parsing PostgreSQL arrays, and
 * the daily scan reads four lists for each of 200k members (bench obligations).
 */
function factsQuery(where: SQL) {
  return sql`
    select e.member_id as "subjectId", m.org_id as "orgId", o.path::text as "orgPath", ${episodeStart}::text as "leftOn",
      e.returned_on::text as "returnedOn",
      o.place_region as "originRegion",
      e.destination_region as "destinationRegion", e.abroad and e.reason = 'study' as "abroadStudy",
      (select string_agg(c.contacted_on::text, ',') from contact_attempts c
         where c.member_id = e.member_id and c.reached and c.contacted_on >= ${episodeStart}) as "contactDates",
      (select string_agg(r.month, ',') from thought_reports r where r.member_id = e.member_id) as "reportMonths",
      (select string_agg(l.held_on::text, ',') from life_records l
         where l.member_id = e.member_id and l.held_on >= ${episodeStart}) as "lifeDates",
      (select string_agg(v.year::text, ',') from yearly_reviews v where v.member_id = e.member_id) as "reviewYears"
    from mobility_episodes e join members m on m.id = e.member_id join orgs o on o.id = m.org_id
    where ${needsDocument} and ${where}`;
}

const list = (joined: string | null) => (joined ? joined.split(',') : []);

function toFacts(r: FactsRow): MobileFacts {
  return {
    memberId: r.subjectId,
    leftOn: r.leftOn,
    returnedOn: r.returnedOn,
    originRegion: r.originRegion,
    destinationRegion: r.destinationRegion,
    abroadStudy: r.abroadStudy,
    contactDates: list(r.contactDates),
    reportMonths: list(r.reportMonths),
    lifeDates: list(r.lifeDates),
    reviewYears: list(r.reviewYears).map(Number),
  };
}

/**
 * The first provider of the obligations registry: what a mobile member owes while away (RULES.md §2),
 * judged by core's `currentObligationsOf` under the mobility policy of the member's organization.
 */
export const mobilityObligations: MemberProvider<'mobility', FactsRow> = {
  name: 'mobility',
  kinds: mobilityObligationKinds,
  labels: {
    monthly_contact: '一月一联系',
    monthly_report: '一月一汇报',
    org_life: '组织生活',
    yearly_review: '一年一评议',
  },
  owedBy: 'member',
  policy: 'mobility',
  subjects: sql`select e.member_id as id from mobility_episodes e join members m on m.id = e.member_id
    where ${needsDocument}`,
  subjectColumn: sql`e.member_id`,
  facts: factsQuery,
  judge: (policy, facts, asOf) => currentObligationsOf(policy, toFacts(facts), asOf),
};
