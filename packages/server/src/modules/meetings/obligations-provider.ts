import { type MeetingType, meetingDueObligations } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { OrgProvider, SubjectFacts } from '../obligations/index.js';
import { branchLike, ownMeetingOrgs } from './compliance-queries.js';

interface FactsRow extends SubjectFacts {
  /** `type:YYYY-MM-DD` of the held meetings of the current year, comma-joined. */
  held: string | null;
}

const subjectsWhere = sql`${branchLike(sql`b.type`)} and b.dissolved_at is null`;

/**
 * The held meetings of each branch-like organization and of its groups (a 党小组 holds the 党小组会 for
 * its branch) of this calendar year, where the current period of every kind lies (a year at most);
 * in January from the first of last year too, so the server's day and the database's may differ.
 * Comma-joined text, as the mobility provider reads its dates.
 */
function factsQuery(where: SQL) {
  return sql`
    select b.id as "subjectId", b.id as "orgId", b.path::text as "orgPath",
      (select string_agg(m.type || ':' || m.held_on::text, ',') from meetings m
         where m.org_id = any(${ownMeetingOrgs(sql`b.id`)}) and m.status = 'held'
           and m.held_on >= date_trunc('year', current_date - 31)::date) as held
    from orgs b
    where ${subjectsWhere} and ${where}`;
}

function toMeetings(held: string | null) {
  if (!held) return [];
  return held.split(',').map((pair) => {
    const i = pair.indexOf(':');
    return { type: pair.slice(0, i) as MeetingType, heldOn: pair.slice(i + 1) };
  });
}

/**
 * `meeting_due` (issue 9 item 1): what a branch owes this period under its meeting policy, judged by
 * core's `meetingDueObligations`; the reminders turn it into the secretary's (the branch staff's) inbox.
 */
export const meetingObligations: OrgProvider<'meetings', FactsRow> = {
  name: 'meetings',
  kinds: ['meeting_due'],
  labels: { meeting_due: '组织生活会议待召开' },
  owedBy: 'org',
  policy: 'meetings',
  subjects: sql`select b.id from orgs b where ${subjectsWhere}`,
  subjectColumn: sql`b.id`,
  facts: factsQuery,
  judge: (policy, facts, asOf) =>
    meetingDueObligations(policy, { orgId: facts.subjectId, meetings: toMeetings(facts.held) }, asOf),
};
