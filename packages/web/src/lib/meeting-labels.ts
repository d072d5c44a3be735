import type {
  AttendanceStatus,
  EscalationCause,
  EscalationKind,
  ExemptionReason,
  LeaveReason,
  LeaveRequestStatus,
  MeetingFrequency,
  MeetingStatus,
  MeetingType,
  OrgEscalationKind,
} from '../api/types';

// 组织生活 in Chinese, once: the console pages and the phone portal read the same names (DOMAIN.md).

export const meetingTypeLabels: Record<MeetingType, string> = {
  assembly: '党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  life_meeting: '组织生活会',
  heart_talk: '谈心谈话',
};

/** One colour per kind in the calendar, so a month reads at a glance. */
export const meetingTypeColors: Record<MeetingType, string> = {
  assembly: 'red',
  committee_meeting: 'volcano',
  group_meeting: 'orange',
  party_lecture: 'blue',
  theme_day: 'magenta',
  life_meeting: 'purple',
  heart_talk: 'cyan',
};

export const meetingStatusLabels: Record<MeetingStatus, string> = { planned: '计划', held: '已召开' };

export const meetingFrequencyLabels: Record<MeetingFrequency, string> = {
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  yearly: '每年',
  none: '不要求',
};

export const attendanceStatusLabels: Record<AttendanceStatus, string> = {
  present: '出席',
  online: '线上参加',
  excused: '请假',
  absent: '缺席',
  late: '迟到',
};

export const attendanceStatusColors: Record<AttendanceStatus, string> = {
  present: 'green',
  online: 'cyan',
  excused: 'gold',
  absent: 'red',
  late: 'orange',
};

export const leaveReasonLabels: Record<LeaveReason, string> = {
  sick: '病假',
  official: '公假',
  personal: '事假',
};

export const leaveStatusLabels: Record<LeaveRequestStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
};

export const escalationKindLabels: Record<EscalationKind, string> = {
  sms_reminder: '短信提醒',
  warning_letter: '警戒书',
  backward_member: '落后党员认定建议',
  lapse_candidate: '自行脱党候选',
};

export const escalationKindColors: Record<EscalationKind, string> = {
  sms_reminder: 'gold',
  warning_letter: 'orange',
  backward_member: 'red',
  lapse_candidate: 'magenta',
};

export const escalationCauseLabels: Record<EscalationCause, string> = {
  unexcused_absence: '无故缺席组织生活',
  excessive_leave: '一年内请假超过规定次数',
  two_warning_letters: '累计受到警戒达到规定次数',
  no_life_6m: '连续六个月不参加组织生活',
};

export const orgEscalationKindLabels: Record<OrgEscalationKind, string> = {
  written_reminder: '书面提醒',
  admonition_talk: '诫勉谈话',
  org_disposal: '组织处置',
};

export const exemptionReasonLabels: Record<ExemptionReason, string> = {
  ill: '患病',
  elderly: '年老体弱',
  bedridden: '长期卧床',
  other: '其他',
};

// The lists in the contract's order, from the labels above: importing core's meetings modules at run time
// would bring zod (their policy and API schemas) into the bundles, the phone portal's included.
const keysOf = <K extends string>(labels: Record<K, string>) => Object.keys(labels) as K[];
export const meetingTypeList = keysOf(meetingTypeLabels);
export const attendanceStatusList = keysOf(attendanceStatusLabels);
export const leaveReasonList = keysOf(leaveReasonLabels);
export const escalationKindList = keysOf(escalationKindLabels);
export const exemptionReasonList = keysOf(exemptionReasonLabels);
