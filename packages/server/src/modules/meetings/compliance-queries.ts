import type { HeldMonths, MeetingType } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/engine.js';
import { isWithin } from '../../lib/authz.js';

/** DOMAIN.md organizations: the types that hold the 三会一课 themselves (a 党小组 holds its meetings for them). */
export const branchLikeTypes = [
  'branch',
  'joint_branch',
  'mobile_branch',
  'holding_branch',
  'temporary_branch',
] as const;

export const branchLike = (typeColumn: SQL) =>
  sql`${typeColumn} in (${sql.join(
    branchLikeTypes.map((t) => sql`${t}`),
    sql`, `,
  )})`;

/**
 * The organization whose obligation a meeting counts toward: a 党小组's meetings count for its branch
 * (the 党小组会 is held by the groups), anything else for itself.
 */
const owner = sql`case when o.type = 'group' then o.parent_id else o.id end`;

/**
 * The organization and its groups, as an array for `org_id = any(…)`: one probe of the meetings index
 * per organization (an `or` across the two would scan).
 */
export const ownMeetingOrgs = (orgId: SQL) =>
  sql`array(select ${orgId} union all select g.id from orgs g where g.parent_id = ${orgId} and g.type = 'group')`;

/** The held meetings of an organization and of its groups in a year (API.md life-compliance). */
export async function heldMeetingsOf(database: Database, orgId: string, year: number, ex?: Executor) {
  return database.rows<{ type: MeetingType; heldOn: string }>(
    sql`select m.type, m.held_on::text as "heldOn" from meetings m
        where m.org_id = any(${ownMeetingOrgs(sql`${orgId}::uuid`)}) and m.status = 'held'
          and m.held_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`,
    ex,
  );
}

export interface BranchMonths {
  orgId: string;
  name: string;
  type: string;
  path: string;
  /** `type:mask` pairs, comma-joined: bit n of a mask is month n + 1 having at least one held meeting. */
  months: string | null;
}

/**
 * Every branch-like organization under `path` (itself included) that was not dissolved before the
 * year began, with the months of the year in which each kind was held, in one set-based statement:
 * a bitmask of months per branch and kind (`bit_or`), whatever the policy, the meetings read per
 * organization of the subtree (an index range each, not a scan of every meeting); the periods of each
 * branch's own calendar are then months grouped in memory (core `lifeComplianceOfMonths`).
 */
export async function branchMonths(database: Database, path: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return database.rows<BranchMonths>(sql`
    with held as (
      select ${owner} as org_id, m.type, bit_or(1 << (extract(month from m.held_on)::int - 1)) as mask
      from orgs o cross join lateral (
        select m.type, m.held_on from meetings m
        where m.org_id = o.id and m.status = 'held' and m.held_on between ${from}::date and ${to}::date) m
      where ${isWithin(sql`o.path`, sql`${path}::ltree`)}
      group by 1, 2
    ), per_branch as (
      select org_id, string_agg(type || ':' || mask, ',') as months from held group by org_id
    )
    select b.id as "orgId", b.name, b.type, b.path::text as path, h.months
    from orgs b left join per_branch h on h.org_id = b.id
    where ${isWithin(sql`b.path`, sql`${path}::ltree`)} and ${branchLike(sql`b.type`)}
      and (b.dissolved_at is null or b.dissolved_at >= ${from}::date)`);
}

/** A row's `type:mask` pairs as core's held months. */
export function parseHeldMonths(months: string | null): HeldMonths {
  const held: HeldMonths = {};
  if (!months) return held;
  for (const pair of months.split(',')) {
    const i = pair.indexOf(':');
    held[pair.slice(0, i) as MeetingType] = Number(pair.slice(i + 1));
  }
  return held;
}
