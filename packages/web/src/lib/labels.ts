import { educationLabels, mobilityObligationKinds, orgTypeLabels, outflowReasonLabels } from '@dangjian/core';
import type {
  AgeBand,
  ContactChannel,
  LostContactReason,
  ObligationKind,
  ObligationState,
  OrgType,
  OutflowReason,
  PolicyKind,
  PostKind,
  RequiredDocument,
  ReviewResult,
  Role,
  StandingCaseKind,
} from '../api/types';

export { educationLabels, orgTypeLabels, outflowReasonLabels };

export const orgTypeOptions = (Object.keys(orgTypeLabels) as OrgType[]).map((value) => ({
  value,
  label: orgTypeLabels[value],
}));

export const genderLabels = { male: '男', female: '女' } as const;
export const kindLabels = { full: '正式党员', probationary: '预备党员' } as const;
export const standingLabels = { normal: '正常', stopped: '停止党籍' } as const;
export const stopReasonLabels: Record<string, string> = { lost_contact: '失去联系', abroad: '出国（境）' };
export const exitKindLabels: Record<string, string> = {
  persuaded_out: '劝退',
  removed: '除名',
  expelled: '开除',
  withdrew: '退党',
  lapsed: '自行脱党',
  deceased: '死亡',
};

export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  manager: '组织管理员',
  clerk: '党务干事',
  auditor: '审计员',
  member: '党员',
};

export const postKindLabels: Record<PostKind, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
};

export const ageBandLabels: Record<AgeBand, string> = {
  '<=25': '25岁及以下',
  '26-30': '26—30岁',
  '31-35': '31—35岁',
  '36-40': '36—40岁',
  '>=41': '41岁及以上',
};

export const statsEducationLabels = {
  doctor: '博士',
  master: '硕士',
  bachelor: '本科',
  college: '专科',
  secondary: '中专',
  other: '高中及以下/其他',
} as const;

export const locationLabels = {
  local: '本市',
  province: '省内外市',
  outside: '省外',
  unknown: '未知',
} as const;

export const duesCategoryLabels: Record<string, string> = {
  salaried: '在职工资收入',
  annual_salary: '年薪制',
  retired: '离退休',
  farmer: '农民',
  student: '学生',
  unemployed: '无固定收入/下岗失业',
  relief: '领取生活补助',
  self_employed: '个体经营/灵活就业',
  other: '其他',
};

export const occupationOptions = [
  '工人',
  '农牧渔民',
  '专业技术人员',
  '企业管理人员',
  '党政机关工作人员',
  '事业单位管理人员',
  '学生',
  '离退休人员',
  '其他职业人员',
  '无固定职业人员',
].map((v) => ({ value: v, label: v }));

export const policyKindLabels: Record<PolicyKind, string> = {
  dues: '党费收缴',
  org_shape: '组织设置',
  mobility: '流动党员管理',
  meetings: '组织生活',
};

/** Field names of the policy documents (packages/core/src/policies.ts), for the editor and the diff. */
export const policyFieldLabels: Record<string, string> = {
  salariedBrackets: '在职党员缴费分档',
  retiredBrackets: '离退休党员缴费分档',
  upTo: '月收入上限（元）',
  rate: '比例',
  fixedAmounts: '定额党费（元/月）',
  farmer: '农民',
  student: '学生',
  unemployed: '下岗失业',
  relief: '领取生活补助',
  farmerRange: '农民党员党费范围',
  min: '下限',
  max: '上限',
  hardMax: '最多',
  monthlyCap: '月缴纳上限（元）',
  largeDuesThreshold: '大额党费标准（元）',
  backPayMonths: '补交月数上限',
  remitEveryMonths: '上缴周期（月）',
  remitMaxMonths: '上缴最长间隔（月）',
  collectionDay: '每月收缴日',
  reminderDays: '收缴日前提醒天数',
  escalateAfterMonths: '连续欠缴几个月后催缴',
  noDuesDisposalMonths: '连续未交几个月列入处置',
  publicationDueMonthDay: '年度公布截止日（月-日）',
  publicationDueSoonDays: '公布到期提前提醒天数',
  retiredHardshipBranchOnly: '离退休困难党员少交免交由支部审批',
  baseComponents: '计算基数构成项目',
  categoryBrackets: '各类别适用分档',
  salaried: '在职',
  annual_salary: '年薪制',
  self_employed: '个体经营',
  other: '其他',
  retired: '离退休',
  minFullMembersForBranch: '党支部最少正式党员数',
  maxBranchMembers: '党支部党员人数上限',
  maxJointBranchUnits: '联合党支部单位数上限',
  committeeThreshold: '设支委会的党员人数',
  committeeSize: '支委会人数',
  termYears: '任期（年）',
  branch: '党支部',
  general_branch: '党总支',
  committee: '党委',
  working_committee: '党工委',
  termWarningDays: '换届提前提醒天数',
  shortTripMonths: '短期外出月数',
  longTripMonths: '长期外出月数',
  lostContactMonths: '认定失联月数',
  stopToLapseYears: '停止党籍转自行脱党年数',
  abroadStudyStopYears: '出国留学停止党籍年数',
  abroadStudyContactMonths: '出国留学联系周期（月）',
  reportsPerYearUnfixed: '无固定地点每年汇报次数',
  reportCadence: '思想汇报周期（monthly 一月一汇报 / half_yearly 每半年一次）',
  lifeInsideProvincePerQuarter: '省内流动每季度参加组织生活次数',
  lifeOutsideProvincePerYear: '省外流动每年参加组织生活次数',
  dueSoonDays: '即将到期提醒天数',
  certificateValidityMonths: '活动证有效月数',
  certificateLetterForAllShortStays: '短期外出一律开具证明信',
  calendar:
    '各类会议频次（monthly 每月 / quarterly 每季度 / half_yearly 每半年 / yearly 每年 / none 不要求）',
  assembly: '党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  life_meeting: '组织生活会',
  heart_talk: '谈心谈话',
  lateRecordDays: '会后登记期限（天，超过须说明补记原因）',
  reminderDay: '提醒书记的日期（每月几日）',
  meetingDueSoonDays: '会议即将到期提醒天数',
  themeDayOfMonth: '主题党日固定日期（每月几日）',
  signInMinutes: '签到有效时长（分钟）',
  maxLeavesPerYear: '每年请假次数上限',
  warningLettersForBackward: '认定落后党员的警戒书次数',
  lapseMonths: '连续不参加组织生活认定自行脱党候选的月数',
  backwardHoldingMonths: '落后党员在整转支部的考察月数',
  missedMonthsForAdmonition: '党支部未开展活动诫勉谈话的月数',
  missedMonthsForDisposal: '党支部未开展活动组织处置的月数',
  attachmentMaxBytes: '会议附件大小上限（字节）',
  correctionMonths: '限期改正期限（月）',
  correctionDueSoonDays: '限期改正复查提前提醒天数',
};

export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.locked': '账号锁定',
  'auth.password_changed': '修改密码',
  'member.create': '登记党员',
  'member.update': '修改党员信息',
  'member.export': '导出党员',
  'member.import': '导入党员',
  'member.reveal': '查看完整个人信息',
  'member.relative_add': '登记亲属',
  'member.relative_remove': '删除亲属',
  'member.contact_change_propose': '党员提出联系方式变更',
  'member.contact_change_approve': '确认联系方式变更',
  'member.contact_change_reject': '退回联系方式变更',
  'mobility.ledger_export': '导出外出党员登记簿',
  'stats.export': '导出党员统计',
  'org.create': '创建组织',
  'org.update': '修改组织',
  'org.move': '移动组织',
  'org.dissolve': '撤销组织',
  'org.merge': '合并组织',
  'org.post_add': '任命职务',
  'org.post_remove': '撤销职务',
  'policy.override': '设置政策',
  'user.bootstrap': '初始化管理员',
  'user.create': '创建用户',
  'user.update': '修改用户',
  'org.promote_group': '党小组组建为党支部',
  'mobility.outflow': '外出登记',
  'mobility.return': '返回登记',
  'mobility.inflow': '流入登记',
  'mobility.inflow_external': '流入登记（系统外）',
  'mobility.contact': '登记联系',
  'mobility.report': '提交思想汇报',
  'mobility.report_ack': '阅知思想汇报',
  'mobility.review': '年度评议',
  'mobility.life': '登记组织生活',
  'letter.issue': '开具证明',
  'letter.reissue': '遗失补办证明',
  'letter.revoke': '作废证明',
  'member.lost_contact': '标记失联',
  'standing.propose_stop': '提出停止党籍',
  'standing.propose_lapse': '提出按自行脱党除名',
  'standing.propose_restore': '提出恢复党籍',
  'standing.approve_stop': '批准停止党籍',
  'standing.approve_lapse': '批准按自行脱党除名',
  'standing.approve_restore': '批准恢复党籍',
  'standing.reject_stop': '不批准停止党籍',
  'standing.reject_lapse': '不批准按自行脱党除名',
  'standing.reject_restore': '不批准恢复党籍',
};

export const auditEntityLabels: Record<string, string> = {
  member: '党员',
  org: '组织',
  user: '用户',
  policy: '政策',
  import: '导入',
  session: '会话',
  letter: '证明',
  inflow: '流入党员',
};

/** Field names of a member record as shown in change history. */
export const memberFieldLabels: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  idNumber: '公民身份号码',
  birthDate: '出生日期',
  education: '学历',
  occupation: '人员类别',
  duesCategory: '党费类别',
  jobPost: '工作岗位',
  phone: '联系电话',
  address: '家庭住址',
  kind: '党员类型',
  joinedOn: '加入党组织日期',
  fullOn: '转为正式党员日期',
  standing: '党籍状态',
  stopReason: '停止党籍原因',
  lostContact: '是否失联',
  lostContactSince: '失去联系日期',
  lostContactReason: '失联原因',
  mobile: '是否流动党员',
  destinationRegion: '外出流向',
  orgId: '所在组织',
  orgName: '所在组织',
  fields: '字段',
  version: '版本',
};

export const label = (map: Record<string, string>, key: string | null | undefined, empty = '—') =>
  key == null || key === '' ? empty : (map[key] ?? key);

/** Field names across audited entities (members, organizations, users, imports, policies). */
export const changeFieldLabels: Record<string, string> = {
  ...memberFieldLabels,
  id: '编号',
  type: '类别',
  parentId: '上级组织',
  regionCode: '所在地区',
  units: '联合单位数',
  termStartedOn: '任期开始',
  termEndsOn: '任期届满',
  target: '转入组织',
  members: '涉及党员',
  children: '涉及下级组织',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  disabled: '停用',
  memberId: '对应党员',
  ip: 'IP 地址',
  failures: '失败次数',
  fileName: '文件名',
  created: '新增',
  updated: '更新',
  errorCount: '错误数',
  kind: '类型',
  effectiveFrom: '生效日期',
  document: '政策内容',
  idNumberHash: '公民身份号码（摘要）',
  startedOn: '开始日期',
  endsOn: '届满日期',
};

// ---- Mobility 流动 ----

export const requiredDocumentLabels: Record<RequiredDocument, string> = {
  none: '无需开具证明',
  membership_certificate_letter: '党员证明信',
  activity_certificate: '流动党员活动证',
  transfer_letter: '组织关系介绍信',
};

/** An episode the register opened (待补全) has no reason or document yet; it reads as such. */
export const reasonLabel = (r: OutflowReason | null) => (r ? outflowReasonLabels[r] : '事由待补全');
export const leftOnLabel = (d: string | null) => d ?? '外出日期待补全';
export const monthsLabel = (m: number | null) => (m === null ? '待补全' : `${m} 个月`);
export const documentLabel = (d: RequiredDocument | null) => (d ? requiredDocumentLabels[d] : '待补全后确定');

/** Kinds of letters as the verification endpoint names them. */
export const letterKindLabels: Record<string, string> = {
  activity_certificate: '流动党员活动证',
  membership_certificate_letter: '党员证明信',
  transfer_letter: '组织关系介绍信',
};

export const letterStatusLabels: Record<string, string> = {
  issued: '有效',
  revoked: '已作废',
  expired: '已过期',
  accepted: '已接收',
  returned: '已退回',
};

export const transferTargetLabels: Record<string, string> = {
  host_org: '转入所在单位党组织',
  nearby_org: '转入就近的社区、企业或协会党组织，或所在单位上级党组织',
};

export const obligationKindLabels: Record<ObligationKind, string> = {
  monthly_contact: '一月一联系',
  monthly_report: '一月一汇报',
  org_life: '组织生活',
  yearly_review: '一年一评议',
  dues: '党费',
  receipt: '回执',
  dues_publication: '党费公开',
  meeting_due: '组织生活开展',
  disposal: '限期改正回访',
};

export const obligationStateLabels: Record<ObligationState, string> = {
  ok: '正常',
  due_soon: '即将到期',
  overdue: '已逾期',
  breached: '严重逾期',
};

export const obligationStateColors: Record<ObligationState, string> = {
  ok: 'green',
  due_soon: 'gold',
  overdue: 'orange',
  breached: 'red',
};

/** The four a mobile member owes (core's list): the member ledger, the statistics, the 预警 matrix. */
export const obligationKinds = mobilityObligationKinds;
export const obligationStates = Object.keys(obligationStateLabels) as ObligationState[];

export const contactChannelLabels: Record<ContactChannel, string> = {
  phone: '电话',
  sms: '短信',
  wechat: '微信',
  email: '电子邮件',
  letter: '信函',
  sponsor: '入党介绍人',
  class_teacher: '班主任',
  class_cadre: '班干部',
  family: '家属',
  visit: '走访',
  other: '其他',
};

export const reviewResultLabels: Record<ReviewResult, string> = {
  excellent: '优秀',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

export const lifeModeLabels = { present: '现场参加', online: '线上参加' } as const;

export const lostContactReasonLabels: Record<LostContactReason, string> = {
  work_business: '外出务工经商',
  unit_restructured: '单位改制破产',
  graduate_unknown: '毕业去向不明',
  work_changed: '工作单位改变',
  abroad: '出国(境)',
  residence_changed: '居住地改变',
  other: '其他',
};

export const caseKindLabels: Record<StandingCaseKind, string> = {
  stop: '停止党籍',
  lapse: '按自行脱党除名',
  restore: '恢复党籍',
};

export const caseStatusLabels: Record<string, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
};

export const durationBandLabels: Record<string, string> = {
  '<=3': '3个月及以下',
  '3-6': '3—6个月',
  '6-12': '6—12个月',
  '12-24': '1—2年',
  '>24': '2年以上',
  unknown: '外出日期待补全',
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const contactChangeStatusLabels: Record<'pending' | 'approved' | 'rejected', string> = {
  pending: '待党支部确认',
  approved: '已确认',
  rejected: '已退回',
};

export const contactChangeStatusColors: Record<'pending' | 'approved' | 'rejected', string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'default',
};
