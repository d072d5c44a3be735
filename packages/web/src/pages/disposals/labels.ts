import type { DisposalDecision, DisposalGround, DisposalStatus } from '../../api/types';

/** API.md disposal grounds in the words of 篇三 (RULES.md §6) and of the areas that raise them. */
export const groundLabels: Record<DisposalGround, string> = {
  no_life_6m: '连续六个月不参加组织生活',
  no_dues_6m: '连续六个月不交纳党费',
  no_work_6m: '连续六个月不做党所分配的工作',
  unqualified_evaluation: '民主评议不合格',
  unqualified_twice: '连续两年评议不合格',
  correction_failed: '限期改正期满仍无转变',
  points: '积分考评不合格',
  backward_member: '落后党员',
  lost_contact: '失去联系',
};

export const statusLabels: Record<DisposalStatus, string> = {
  candidate: '待启动',
  in_procedure: '处置中',
  decided: '已作出决定',
  dismissed: '已撤销',
};

export const statusColors: Record<DisposalStatus, string> = {
  candidate: 'gold',
  in_procedure: 'processing',
  decided: 'red',
  dismissed: 'default',
};

/** RULES.md §6: 限期改正 (one year), 劝退, 除名, extension of probation, or no disposal. */
export const decisionLabels: Record<DisposalDecision, string> = {
  correction_period: '限期改正',
  persuade_out: '劝退',
  remove: '除名',
  extend_probation: '延长预备期',
  none: '不予处置',
};
