import {
  type ComposedBase,
  type DuesCategory,
  type DuesPolicy,
  type DuesReliefStatus,
  explainAssessment,
  type ReliefStep,
} from '@dangjian/core';
import { type Actor, belowOwnOrg, can } from '../../lib/authz.js';
import type { AssessmentRow, PaymentRow } from './queries.js';

const iso = (v: string | Date) => new Date(v).toISOString();

/** numeric(6,4) comes back as "0.0100"; the quote's form is "0.01". */
export const plainRate = (rate: string | null) => (rate === null ? null : String(Number(rate)));

type Lines = ComposedBase['included'];

export function presentAssessment(policy: DuesPolicy, r: AssessmentRow) {
  const rate = plainRate(r.rate);
  const components = (r.components ?? { included: [], excluded: [] }) as { included: Lines; excluded: Lines };
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName: r.orgName,
    year: r.year,
    category: r.category as DuesCategory,
    base: r.base,
    included: components.included,
    excluded: components.excluded,
    monthlyAmount: r.monthlyAmount,
    rate,
    capped: r.capped,
    fromMonth: r.fromMonth,
    reason: r.reason,
    explanation: explainAssessment(
      policy,
      { category: r.category as DuesCategory, base: r.base },
      { rate, monthlyAmount: r.monthlyAmount, capped: r.capped },
    ),
    createdAt: iso(r.createdAt),
  };
}

export function presentPayment(actor: Actor, r: PaymentRow) {
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName: r.orgName,
    months: [...r.months].sort(),
    amount: r.amount,
    due: r.due,
    surplus: r.surplus,
    largeDues: r.largeDues,
    channel: r.channel as 'cash',
    reference: r.reference,
    paidOn: r.paidOn,
    paidBy: r.paidByName
      ? {
          name: r.paidByName,
          ...(r.paidByRelation ? { relation: r.paidByRelation } : {}),
          ...(r.paidByMemberId ? { memberId: r.paidByMemberId } : {}),
        }
      : null,
    overrideReason: r.overrideReason,
    receiptNumber: r.receiptNumber,
    status: r.status,
    note: r.note,
    createdAt: iso(r.createdAt),
    abilities: {
      confirm: actor.role !== 'member' && can(actor, 'dues.write') && r.status === 'submitted',
      receipt: r.status === 'confirmed',
    },
  };
}

export interface ReliefRow {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  kind: 'reduction' | 'exemption';
  fromMonth: string;
  toMonth: string;
  monthlyAmount: string | null;
  hardship: boolean;
  needsCommittee: boolean;
  reason: string;
  status: DuesReliefStatus;
  branchDecidedAt: string | Date | null;
  committeeDecidedAt: string | Date | null;
  note: string | null;
  createdAt: string | Date;
}

export const chainOf = (r: { needsCommittee: boolean }): ReliefStep[] =>
  r.needsCommittee ? ['branch', 'committee'] : ['branch'];

export function presentRelief(actor: Actor, r: ReliefRow) {
  const nextStep: ReliefStep | null =
    r.status === 'pending' ? 'branch' : r.status === 'branch_approved' ? 'committee' : null;
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName: r.orgName,
    kind: r.kind,
    fromMonth: r.fromMonth,
    toMonth: r.toMonth,
    monthlyAmount: r.monthlyAmount,
    hardship: r.hardship,
    reason: r.reason,
    status: r.status,
    chain: chainOf(r),
    nextStep,
    // 篇二 L250: the committee step belongs to an organization above the member's branch.
    canDecide:
      can(actor, 'dues.relief') &&
      (nextStep === 'branch' || (nextStep === 'committee' && belowOwnOrg(actor, r.orgPath))),
    branchDecidedAt: r.branchDecidedAt ? iso(r.branchDecidedAt) : null,
    committeeDecidedAt: r.committeeDecidedAt ? iso(r.committeeDecidedAt) : null,
    note: r.note,
    createdAt: iso(r.createdAt),
  };
}
