import { classifyOutflow, type MobilityPolicy } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { memberApi, orgApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import { requiredDocumentLabels } from '../../../lib/labels';
import type { Values } from './values';

/** What the rules will ask for, worked out in the browser from the member's policy while typing. */
export function usePreview(memberId: string | undefined, v: Partial<Values>) {
  const member = useQuery({
    queryKey: keys.members.detail(memberId),
    queryFn: () => memberApi.get(memberId!),
    enabled: Boolean(memberId),
  });
  const orgId = member.data?.orgId;
  const policies = useQuery({
    queryKey: keys.orgs.policies(orgId),
    queryFn: () => orgApi.policies(orgId!),
    enabled: Boolean(orgId),
    retry: false,
  });
  const policy = policies.data?.items.find((p) => p.kind === 'mobility')?.document as
    | MobilityPolicy
    | undefined;
  if (!policy || v.expectedMonths == null || !v.reason) return { member: member.data, doc: null };
  try {
    const c = classifyOutflow(policy, {
      expectedMonths: v.expectedMonths,
      reason: v.reason,
      fixedPlace: Boolean(v.fixedPlace),
      hostHasPartyOrg: Boolean(v.fixedPlace && !v.abroad && v.hostHasPartyOrg),
      abroad: Boolean(v.abroad),
      relationshipCanMove: v.relationshipCanMove !== false,
    });
    return { member: member.data, doc: c };
  } catch {
    return { member: member.data, doc: null };
  }
}

/** 按规定须开具: the preview beside the form, or the rules in short while it cannot be worked out. */
export function DocumentPreview({ preview }: { preview: ReturnType<typeof usePreview> }) {
  return (
    <Card size="small" title="按规定须开具" style={{ background: '#fffbf0' }}>
      {preview.doc ? (
        <>
          <Typography.Title
            level={4}
            style={{ marginTop: 0, color: '#c8161d' }}
            data-testid="preview-document"
          >
            {requiredDocumentLabels[preview.doc.requiredDocument]}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{preview.doc.rule}</Typography.Paragraph>
          <Typography.Text type="secondary">
            按{preview.member?.orgName ?? '该党员所在组织'}
            执行的流动党员管理政策预判，以保存后的结果为准。
          </Typography.Text>
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          选择党员并填写预计外出时间、原因后，这里显示须开具的证明：
          <br />· 3 个月以内：无需开具
          <br />· 3—6 个月：流动党员活动证（学习、借调、公务、探亲开具党员证明信；随迁为活动证）
          <br />· 6 个月以上、地点固定：转移组织关系（暂无法转移的使用流动党员活动证）
          <br />· 6 个月以上、地点不固定：流动党员活动证
          <br />· 出国（境）6 个月以上：组织关系不转往境外，使用流动党员活动证
        </Typography.Paragraph>
      )}
    </Card>
  );
}
