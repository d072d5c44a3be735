import { DomainError } from './errors.js';
import type { MobilityPolicy } from './policies.js';

export const outflowReasons = [
  'work',
  'business',
  'study',
  'secondment',
  'official',
  'family',
  'accompany',
  'graduate',
  'other',
] as const;
export type OutflowReason = (typeof outflowReasons)[number];

export const outflowReasonLabels: Record<OutflowReason, string> = {
  work: '务工',
  business: '经商',
  study: '学习',
  secondment: '借调',
  official: '公务',
  family: '探亲',
  accompany: '随迁',
  graduate: '毕业未就业',
  other: '其他',
};

export const requiredDocuments = [
  'none',
  'membership_certificate_letter',
  'activity_certificate',
  'transfer_letter',
] as const;
export type RequiredDocument = (typeof requiredDocuments)[number];

export type TransferTarget = 'host_org' | 'nearby_org';

export type OutflowInput = {
  expectedMonths: number;
  reason: OutflowReason;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  /** 出国(境): the stay is outside the mainland. */
  abroad?: boolean;
  /** False when a fixed place cannot take the relationship yet (篇三 L396 "组织关系暂无法转移的"). */
  relationshipCanMove?: boolean;
};

export type OutflowClassification = {
  requiredDocument: RequiredDocument;
  /** Why, in Chinese, with the source; shown to staff at registration. */
  rule: string;
  transferTarget: TransferTarget | null;
};

// 县制度 二 (篇三 L396): 短期外出学习进修、借调工作、办理公务、休假探亲 get a 党员证明信 to the host;
// 随迁 (accompany) is not among them and takes the certificate path.
const LETTER_REASONS: ReadonlySet<OutflowReason> = new Set(['study', 'secondment', 'official', 'family']);

/** The paper an outflow needs (RULES.md §2 table, §3; API.md `requiredDocument`). */
export function classifyOutflow(policy: MobilityPolicy, input: OutflowInput): OutflowClassification {
  const { expectedMonths: m, reason } = input;
  if (!Number.isFinite(m) || m < 0) {
    throw new DomainError('INVALID_EXPECTED_MONTHS', `预计外出月数无效：${m}`);
  }
  const short = policy.shortTripMonths;
  const long = policy.longTripMonths;
  if (m <= short) {
    return {
      requiredDocument: 'none',
      rule: `外出 ${short} 个月以内，向党支部请假即可（篇三 镇 第十一条）`,
      transferTarget: null,
    };
  }
  if (m <= long) {
    if (LETTER_REASONS.has(reason)) {
      return {
        requiredDocument: 'membership_certificate_letter',
        rule: `外出 ${short}–${long} 个月${outflowReasonLabels[reason]}，开具党员证明信交所去单位党组织（县制度 二）`,
        transferTarget: null,
      };
    }
    if (policy.certificateLetterForAllShortStays) {
      return {
        requiredDocument: 'membership_certificate_letter',
        rule: `外出 ${short}–${long} 个月，按本地策略一律开具党员证明信（RULES.md §3）`,
        transferTarget: null,
      };
    }
    return {
      requiredDocument: 'activity_certificate',
      rule: `外出 ${short}–${long} 个月，外出前报告事由、时间、地点及联系方法，领取流动党员活动证并登记外出党员登记簿（篇三 镇 第十一条）`,
      transferTarget: null,
    };
  }
  // 出国(境): the relationship is never transferred abroad. Graduates who go abroad for further study
  // "其组织关系也无法进行转移" (篇七), and a member settled abroad keeps the archive with the superior
  // organization (篇五 第二十二条), so the origin keeps the member as in RULES.md §2's row "> 6 months,
  // not fixed: relationship stays", contacts them (at least every 6 months for study or research) and,
  // after the policy's years of study abroad without return, stops the standing (RULES.md §2).
  if (input.abroad) {
    return {
      requiredDocument: 'activity_certificate',
      rule: `出国（境）${long} 个月以上，组织关系不转往境外，保留在原党组织，按流动党员管理并保持联系；出国（境）学习研究超过 ${policy.abroadStudyStopYears} 年未归的，一般停止党籍（篇七，篇五 第二十二条）`,
      transferTarget: null,
    };
  }
  if (!input.fixedPlace) {
    return {
      requiredDocument: 'activity_certificate',
      rule: `外出 ${long} 个月以上但地点不固定，组织关系留在原党组织，使用流动党员活动证，每年至少汇报两次（篇三 镇 第十一条）`,
      transferTarget: null,
    };
  }
  // 县制度 二 (篇三 L396): "外出时间较短的(六个月以内)或组织关系暂无法转移的，使用流动党员活动证".
  if (input.relationshipCanMove === false) {
    return {
      requiredDocument: 'activity_certificate',
      rule: `外出 ${long} 个月以上且地点固定，但组织关系暂无法转移，使用流动党员活动证，待可以转移时再转接组织关系（篇三 县制度 二）`,
      transferTarget: null,
    };
  }
  return input.hostHasPartyOrg
    ? {
        requiredDocument: 'transfer_letter',
        rule: `外出 ${long} 个月以上且地点固定，开具组织关系介绍信转入工作单位党组织（篇三 镇 第十一条）`,
        transferTarget: 'host_org',
      }
    : {
        requiredDocument: 'transfer_letter',
        rule: `外出 ${long} 个月以上且地点固定，工作单位无党组织，就近转入村居（社区）、企业或商会、行业协会党组织，或所去单位上级主管部门党组织（篇三 镇 第十一条，县制度 二）`,
        transferTarget: 'nearby_org',
      };
}

/**
 * Whether the destination lies in the origin's province (GB/T 2260: the first two digits), which
 * decides quarterly or yearly organizational life (篇三 街道 三(三)); null when either is unknown.
 */
export function isLifeInsideProvince(
  originRegion: string | null,
  destinationRegion: string | null,
): boolean | null {
  const province = (code: string | null) => (code && /^\d{2}/.test(code) ? code.slice(0, 2) : null);
  const [from, to] = [province(originRegion), province(destinationRegion)];
  return from === null || to === null ? null : from === to;
}
