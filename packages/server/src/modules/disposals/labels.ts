import type { DisposalDecision, DisposalGround, DisposalStatus } from '@dangjian/core';

/** How the grounds read on the page, the decision paper and the spreadsheet (RULES.md §6). */
export const groundLabels: Record<DisposalGround, string> = {
  no_life_6m: '连续六个月不参加党的组织生活',
  no_dues_6m: '连续六个月不交纳党费',
  no_work_6m: '连续六个月不做党所分配的工作',
  unqualified_evaluation: '民主评议被评为不合格党员',
  unqualified_twice: '连续两年被评为不合格党员',
  correction_failed: '限期改正期满仍无转变',
  points: '积分评定不合格',
  backward_member: '落后党员转化后仍不合格',
  lost_contact: '失去联系',
};

export const statusLabels: Record<DisposalStatus, string> = {
  candidate: '待处置',
  in_procedure: '处置中',
  decided: '已决定',
  dismissed: '已撤销',
};

export const decisionLabels: Record<DisposalDecision, string> = {
  correction_period: '限期改正',
  persuade_out: '劝退',
  remove: '除名',
  extend_probation: '延长预备期',
  none: '不予处置',
};

/** RULES.md §6 L384, core `approverOf`. */
export const approverLabels = {
  org_department: '市委组织部',
  grassroots_committee: '乡镇（街道）党委',
} as const;
