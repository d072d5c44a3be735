import { addMonths, type MobilityPolicy, type StandingCaseKind } from '@dangjian/core';
import { type Actor, can } from '../../../lib/authz.js';
import { defaultMessage, type ErrorCode } from '../../../lib/errors.js';
import { committeeTypes } from '../standing-queries.js';

/** What the caller may do now, and if not, why (shown by the console next to the disabled action). */
export interface Ability {
  allowed: boolean;
  reason: string | null;
}
export const allowed: Ability = { allowed: true, reason: null };
export const refused = (reason: string): Ability => ({ allowed: false, reason });

/**
 * Recording contacts, flagging 失联 and proposing a step on standing are the branch's work
 * (`member.write`, API.md roles); the lists answer it once, so the console offers exactly these.
 */
export function writeAbility(actor: Actor, refusal: string): Ability {
  return can(actor, 'member.write') ? allowed : refused(refusal);
}

export interface StandingFacts {
  standing: string;
  lostContact: boolean;
  lostContactSince: string | null;
  /** The day the 停止党籍 was approved. */
  stoppedOn: string | null;
  pending: boolean;
  abroadGround: boolean;
}

/**
 * Whether a step of the regulation's path may be proposed now (RULES.md §2, 篇七): 停止党籍 after 6
 * months lost (or on the abroad ground), 自行脱党 after 2 years stopped, 恢复党籍 for a member lost or
 * stopped; never beside a case still pending. The one rule for proposing and for offering the action.
 */
export function proposeAbility(
  policy: MobilityPolicy,
  f: StandingFacts,
  kind: StandingCaseKind,
  reasonCode: string | undefined,
  now: string,
): Ability {
  if (kind === 'stop') {
    if (f.standing === 'stopped') return refused('该党员已停止党籍');
    // 出国(境) stands on its own ground (RULES.md §2); a member lost with reason code 出国(境) but
    // without that ground still goes the lost-contact way below.
    const abroad = reasonCode === 'abroad' && f.abroadGround;
    if (!abroad && !f.lostContact) {
      return refused(
        reasonCode === 'abroad'
          ? `出国（境）定居，或出国（境）学习研究超过 ${policy.abroadStudyStopYears} 年未归的，方可以出国（境）为由停止党籍；该党员没有这样的外出登记`
          : '须先标记为失联党员',
      );
    }
    if (!abroad && f.lostContactSince && f.lostContactSince > addMonths(now, -policy.lostContactMonths)) {
      return refused(`失去联系满 ${policy.lostContactMonths} 个月方可提出停止党籍`);
    }
  }
  if (kind === 'lapse') {
    if (f.standing !== 'stopped') return refused('只能对已停止党籍的党员提出按自行脱党除名');
    if (!f.stoppedOn || f.stoppedOn > addMonths(now, -12 * policy.stopToLapseYears)) {
      const from = f.stoppedOn
        ? `（${f.stoppedOn} 停止党籍，${addMonths(f.stoppedOn, 12 * policy.stopToLapseYears)} 起可提出）`
        : '';
      return refused(`停止党籍满 ${policy.stopToLapseYears} 年仍无法取得联系的，方可按自行脱党处理${from}`);
    }
  }
  if (kind === 'restore' && f.standing !== 'stopped' && !f.lostContact) return refused('该党员党籍正常');
  if (f.pending) return refused('该党员已有待审批的事项');
  return allowed;
}

/**
 * Every step the caller may propose for one member now. A member who is both lost and abroad on the
 * regulation's ground may be stopped on either: the abroad ground answers when the lost one refuses.
 */
export function proposeAbilities(
  actor: Actor,
  policy: MobilityPolicy,
  facts: StandingFacts,
  now: string,
): Record<StandingCaseKind, Ability> {
  const writer = can(actor, 'member.write');
  const ability = (kind: StandingCaseKind) => {
    if (!writer) return refused('无权提出党籍处置事项');
    const lost = proposeAbility(policy, facts, kind, undefined, now);
    return kind === 'stop' && !lost.allowed && facts.abroadGround
      ? proposeAbility(policy, facts, kind, 'abroad', now)
      : lost;
  };
  return { stop: ability('stop'), lapse: ability('lapse'), restore: ability('restore') };
}

/**
 * `standingCase.decide` and its scope rule, the one check of the decide route and of the abilities the
 * case list carries (RULES.md §2 "committee approves"): the named action (administrators and managers),
 * held by an account of a committee (党委/党工委) whose scope holds the member — or by the system
 * administrator — on a case still pending, and never by the person who proposed it (four eyes). That the
 * member lies in the caller's scope is established by loading the case through it (listCases lists only
 * those; decideCase answers CASE_NOT_FOUND otherwise). `actorOrgType` is the type of the caller's own
 * organization.
 */
export function decideAbility(
  actor: Actor,
  actorOrgType: string | null,
  c: { status: string; proposedBy: string },
): Ability & { code?: ErrorCode } {
  const no = (code: ErrorCode) => ({ allowed: false, reason: defaultMessage(code), code });
  if (!can(actor, 'standingCase.decide')) return no('COMMITTEE_REQUIRED');
  if (c.status !== 'pending') return no('CASE_DECIDED');
  if (actor.orgId && !committeeTypes.includes(actorOrgType ?? '')) return no('COMMITTEE_REQUIRED');
  if (c.proposedBy === actor.username) return no('SAME_PERSON_DECISION');
  return allowed;
}
