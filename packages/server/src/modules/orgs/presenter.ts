import { checkOrgShape, type OrgShapePolicy, orgTypeLabels, regionName } from '@dangjian/core';
import type { AppContext } from '../../context.js';
import { type Actor, orgAbilities } from '../../lib/authz.js';
import type { OrgRow, PostRow } from './queries.js';

export function presentOrg(ctx: AppContext, actor: Actor, row: OrgRow) {
  const dissolved = row.dissolvedAt !== null;
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    type: row.type,
    typeLabel: orgTypeLabels[row.type] ?? row.type,
    regionCode: row.regionCode,
    regionName: row.regionCode ? regionName(ctx.regions, row.regionCode) : null,
    units: row.units,
    termStartedOn: row.termStartedOn,
    termEndsOn: row.termEndsOn,
    dissolved,
    mergedInto: row.mergedInto,
    childCount: row.childCount,
    memberCount: row.memberCount,
    fullMemberCount: row.fullMemberCount,
    abilities: orgAbilities(actor, { ...row, dissolved }),
  };
}

export type OrgView = ReturnType<typeof presentOrg>;

/**
 * The detail page: the organization, its posts and what its shape lacks under the policy in force
 * (a dissolved organization owes nothing). Only posts still running on `asOf` count for the shape.
 */
export function presentOrgDetail(
  ctx: AppContext,
  actor: Actor,
  row: OrgRow,
  facts: { parentName: string | null; posts: PostRow[]; policy: OrgShapePolicy; asOf: string },
) {
  const { posts, asOf } = facts;
  const warnings = row.dissolvedAt
    ? []
    : checkOrgShape(facts.policy, {
        type: row.type,
        fullMembers: row.fullMemberCount,
        members: row.memberCount,
        units: row.units ?? undefined,
        posts: posts
          .filter((p) => !p.endsOn || p.endsOn >= asOf)
          .map((p) => ({ kind: p.kind, endsOn: p.endsOn })),
        termEndsOn: row.termEndsOn,
        today: asOf,
      });
  return {
    ...presentOrg(ctx, actor, row),
    parentName: facts.parentName,
    posts: posts.map((p) => ({
      id: p.id,
      memberId: p.memberId,
      memberName: p.memberName,
      kind: p.kind,
      startedOn: p.startedOn,
      endsOn: p.endsOn,
    })),
    warnings,
  };
}
