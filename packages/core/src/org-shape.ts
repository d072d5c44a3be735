import { daysBetween } from './dates.js';
import type { OrgShapePolicy } from './policies.js';

export const orgTypes = [
  'committee',
  'working_committee',
  'general_branch',
  'branch',
  'joint_branch',
  'group',
  'mobile_branch',
  'holding_branch',
  'temporary_branch',
] as const;
export type OrgType = (typeof orgTypes)[number];

export const orgTypeLabels: Record<OrgType, string> = {
  committee: '党委',
  working_committee: '党工委',
  general_branch: '党总支',
  branch: '党支部',
  joint_branch: '联合党支部',
  group: '党小组',
  mobile_branch: '流动党员党支部',
  holding_branch: '整转支部',
  temporary_branch: '临时党支部',
};

export const postKinds = ['secretary', 'deputy_secretary', 'committee_member'] as const;
export type PostKind = (typeof postKinds)[number];

const branchLike = new Set<OrgType>([
  'branch',
  'joint_branch',
  'mobile_branch',
  'holding_branch',
  'temporary_branch',
]);
const committeeLike = new Set<OrgType>(['committee', 'working_committee']);

/** DOMAIN.md organizations: which organization types may sit directly under which. */
export function canContain(parentType: OrgType, childType: OrgType): boolean {
  if (childType === 'group') return branchLike.has(parentType);
  if (branchLike.has(childType)) return committeeLike.has(parentType) || parentType === 'general_branch';
  if (childType === 'general_branch') return committeeLike.has(parentType);
  return committeeLike.has(childType) && committeeLike.has(parentType);
}

export type OrgShapeFacts = {
  type: OrgType;
  fullMembers: number;
  members: number;
  units?: number;
  posts: { kind: PostKind; endsOn: string | null }[];
  termEndsOn: string | null;
  today: string;
};

export type OrgShapeWarning = { code: string; message: string };

/** Warnings against 《中国共产党支部工作条例(试行)》 as set in the org-shape policy (RULES.md §4). */
export function checkOrgShape(policy: OrgShapePolicy, facts: OrgShapeFacts): OrgShapeWarning[] {
  const warnings: OrgShapeWarning[] = [];
  const warn = (code: string, message: string) => warnings.push({ code, message });
  // A post whose term has ended no longer fills its seat.
  const posts = facts.posts.filter((p) => p.endsOn === null || p.endsOn >= facts.today);

  if (branchLike.has(facts.type)) {
    // 条例 第四条: 有正式党员3人以上的, 都应当成立党支部.
    if (facts.fullMembers < policy.minFullMembersForBranch) {
      warn(
        'TOO_FEW_FULL_MEMBERS',
        `正式党员${facts.fullMembers}人，少于成立党支部所需的${policy.minFullMembersForBranch}人`,
      );
    }
    // 条例 第四条: 党支部党员人数一般不超过50人.
    if (facts.members > policy.maxBranchMembers) {
      warn(
        'TOO_MANY_MEMBERS',
        `党员${facts.members}人，超过党支部一般不超过${policy.maxBranchMembers}人的规定`,
      );
    }
    // 条例 第二章: 联合党支部覆盖单位一般不超过5个.
    if (facts.type === 'joint_branch' && (facts.units ?? 0) > policy.maxJointBranchUnits) {
      warn('TOO_MANY_UNITS', `联合党支部覆盖${facts.units}个单位，超过${policy.maxJointBranchUnits}个`);
    }
    // 条例 第六章: 有正式党员7人以上的党支部应当设立党支部委员会, 由3至5人组成, 一般不超过7人.
    if (facts.fullMembers >= policy.committeeThreshold && posts.length < policy.committeeSize.min) {
      warn(
        'COMMITTEE_REQUIRED',
        `正式党员${facts.fullMembers}人，应设立支部委员会（至少${policy.committeeSize.min}名委员）`,
      );
    }
    if (posts.length > policy.committeeSize.hardMax) {
      warn('COMMITTEE_TOO_LARGE', `支部委员会${posts.length}人，超过${policy.committeeSize.hardMax}人`);
    }
  }
  if (
    lacksSecretary(
      facts.type,
      posts.some((p) => p.kind === 'secretary'),
    )
  ) {
    warn('NO_SECRETARY', '未设书记');
  }
  const term = termDue(facts.termEndsOn, facts.today, policy.termWarningDays);
  if (term === 'ended') {
    warn('TERM_OVERDUE', `本届任期已于${facts.termEndsOn}届满，应及时换届`);
  } else if (term === 'ending') {
    const daysLeft = daysBetween(facts.today, facts.termEndsOn!);
    warn('TERM_ENDING', `本届任期将于${facts.termEndsOn}届满（剩余${daysLeft}天），请做好换届准备`);
  }
  return warnings;
}

/** Every organization but a 党小组 (which has a group leader, not a secretary) needs a serving secretary. */
export function lacksSecretary(type: OrgType, hasServingSecretary: boolean): boolean {
  return type !== 'group' && !hasServingSecretary;
}

/**
 * 条例 第六章: 党支部委员会任期3年或5年, 届满应当按期换届. 'ended' once the term's last day is past,
 * 'ending' within `withinDays` days of it, else null (also when no term is recorded).
 */
export function termDue(
  termEndsOn: string | null,
  today: string,
  withinDays: number,
): 'ended' | 'ending' | null {
  if (termEndsOn === null) return null;
  const daysLeft = daysBetween(today, termEndsOn);
  if (daysLeft < 0) return 'ended';
  return daysLeft <= withinDays ? 'ending' : null;
}
