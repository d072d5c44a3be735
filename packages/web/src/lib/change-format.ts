import type { RegionNode } from '../api/types';
import { regionLabel } from '../components/regions';
import {
  caseKindLabels,
  caseStatusLabels,
  changeFieldLabels,
  contactChannelLabels,
  duesCategoryLabels,
  educationLabels,
  exitKindLabels,
  genderLabels,
  kindLabels,
  letterKindLabels,
  letterStatusLabels,
  lifeModeLabels,
  lostContactReasonLabels,
  orgTypeLabels,
  outflowReasonLabels,
  postKindLabels,
  requiredDocumentLabels,
  reviewResultLabels,
  roleLabels,
  standingLabels,
  stopReasonLabels,
} from './labels';

/** What a change entry needs besides itself: names of the records it mentions and the region tree. */
export interface ChangeContext {
  refs?: Record<string, string>;
  regions?: RegionNode[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const REGION = /^\d{6}$/;

/** Field names the history of mobility, standing and letters uses, beyond the member record's own. */
const extraFieldLabels: Record<string, string> = {
  episodeId: '外出记录',
  leftOn: '外出日期',
  expectedMonths: '预计外出月数',
  expectedReturnOn: '预计返回日期',
  reason: '原因',
  fixedPlace: '有固定地点',
  hostHasPartyOrg: '所在单位有党组织',
  abroad: '出国（境）',
  contact: '联系方式',
  requiredDocument: '应开具证明',
  rule: '依据',
  returnedOn: '返回日期',
  hostOrgId: '流入党组织',
  inflowOrgName: '流入党组织',
  arrivedOn: '到达日期',
  contactedOn: '联系日期',
  channel: '联系方式',
  reached: '是否联系上',
  month: '月份',
  reportId: '思想汇报',
  reply: '回复',
  year: '年度',
  result: '评议结果',
  note: '备注',
  heldOn: '日期',
  mode: '参加方式',
  topic: '主题',
  number: '编号',
  replaces: '替代的证明',
  caseId: '审批事项',
  status: '状态',
  relation: '关系',
  relatedMemberId: '对应党员',
  fields: '查看的字段',
  count: '数量',
  filter: '筛选条件',
  version: '版本',
  name: '名称',
  q: '关键词',
  requestId: '变更申请',
  region: '现居城市',
  otherContact: '微信/邮箱',
  revealed: '显示完整联系方式',
  via: '途径',
  format: '形式',
  asOf: '统计日期',
  sheets: '表数',
};

const relationLabels: Record<string, string> = {
  parent: '父母',
  parent_in_law: '岳父母/公婆',
  spouse: '配偶',
  child: '子女',
  sibling: '兄弟姐妹',
};

/** Value labels by field: the same word ("kind", "status") means different things on different records. */
const valueLabels: Record<string, Record<string, string>> = {
  gender: genderLabels,
  kind: { ...letterKindLabels, ...caseKindLabels, ...postKindLabels, ...kindLabels },
  standing: standingLabels,
  stopReason: stopReasonLabels,
  exitKind: exitKindLabels,
  education: educationLabels,
  duesCategory: duesCategoryLabels,
  reason: { ...outflowReasonLabels, ...stopReasonLabels },
  channel: contactChannelLabels,
  result: reviewResultLabels,
  mode: lifeModeLabels,
  lostContactReason: lostContactReasonLabels,
  reasonCode: lostContactReasonLabels,
  role: roleLabels,
  type: orgTypeLabels,
  requiredDocument: requiredDocumentLabels,
  status: { ...letterStatusLabels, ...caseStatusLabels },
  relation: relationLabels,
  fields: { ...changeFieldLabels, ...extraFieldLabels },
};

const regionFields = new Set(['destinationRegion', 'regionCode', 'placeRegion', 'region', 'currentRegion']);

export const fieldLabel = (key: string) => changeFieldLabels[key] ?? extraFieldLabels[key] ?? key;

/** One value of a change in words: names for ids, region names for codes, Chinese for enum values. */
export function formatFieldValue(key: string, v: unknown, ctx: ChangeContext = {}): string {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    if (v.length > 5) return `${v.length} 项`;
    return v.map((x) => formatFieldValue(key, x, ctx)).join('、');
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${fieldLabel(k)}：${formatFieldValue(k, x, ctx)}`)
      .join('；');
  }
  const s = String(v);
  if (UUID.test(s)) return ctx.refs?.[s.toLowerCase()] ?? '（不在管理范围内或已删除）';
  if (regionFields.has(key) && REGION.test(s)) return regionLabel(ctx.regions, s) ?? s;
  const labels = valueLabels[key];
  if (labels?.[s]) return labels[s];
  if (TIMESTAMP.test(s)) return new Date(s).toLocaleString('zh-CN');
  return s;
}

/** A change document (an audit event's before or after) as labelled lines. */
export function describeFields(
  doc: unknown,
  ctx: ChangeContext = {},
): { key: string; label: string; value: string }[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [];
  return Object.entries(doc as Record<string, unknown>).map(([key, v]) => ({
    key,
    label: fieldLabel(key),
    value: formatFieldValue(key, v, ctx),
  }));
}
