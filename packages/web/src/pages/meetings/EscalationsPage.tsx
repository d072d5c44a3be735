import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { meetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { EscalationKind, EscalationRow, OrgEscalation, OrgEscalationKind } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { periodLabel } from '../../lib/format';
import {
  escalationCauseLabels,
  escalationKindLabels,
  escalationKindList,
  orgEscalationKindLabels,
} from '../../lib/meeting-labels';
import { usePageTitle } from '../../lib/title';
import { EscalationTag, YearPicker, yearOf } from './shared';

const orgKindColors: Record<OrgEscalationKind, string> = {
  written_reminder: 'gold',
  admonition_talk: 'orange',
  org_disposal: 'red',
};

const PrintButton = ({ href, testId }: { href: string; testId?: string }) => (
  <Button size="small" href={href} target="_blank" data-testid={testId}>
    打印
  </Button>
);

function MemberEscalations({ orgId, year }: { orgId?: string; year: number }) {
  const [kind, setKind] = useState<EscalationKind | undefined>();
  const [page, setPage] = useState(1);
  const filter = { orgId, year, kind };
  const q = useQuery({
    queryKey: keys.meetings.escalations(filter, page),
    queryFn: () => meetingsApi.escalations({ ...filter, page, pageSize: 20 }),
    placeholderData: (prev) => prev,
  });
  return (
    <Card
      title="党员预警与警戒"
      extra={
        <Select
          allowClear
          placeholder="全部类型"
          aria-label="类型"
          style={{ width: 180 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setPage(1);
          }}
          options={escalationKindList.map((value) => ({ value, label: escalationKindLabels[value] }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        一年内第一次无故缺席组织生活发短信提醒，此后每次发警戒书；累计警戒达到规定次数的，提出落后党员认定建议；连续达到规定月数不参加组织生活的，列为自行脱党候选，转入处置。
      </Typography.Paragraph>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<EscalationRow>
          rowKey="id"
          size="middle"
          data-testid="member-escalations"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: '本年度没有预警或警戒' }}
          columns={[
            { title: '类型', dataIndex: 'kind', render: (k: EscalationKind) => <EscalationTag kind={k} /> },
            {
              title: '党员',
              dataIndex: 'name',
              render: (v: string, r) => <Link to={`/members/${r.memberId}`}>{v}</Link>,
            },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            { title: '日期', dataIndex: 'createdOn' },
            {
              title: '原因',
              key: 'cause',
              render: (_: unknown, r) => (
                <Space size={4}>
                  {escalationCauseLabels[r.cause]}
                  {r.meetingId && <Link to={`/meetings/${r.meetingId}`}>（查看会议）</Link>}
                </Space>
              ),
            },
            { title: '文书编号', dataIndex: 'number', render: (v: string | null) => v ?? '' },
            {
              title: '文书',
              key: 'doc',
              width: 80,
              render: (_: unknown, r) => (
                <PrintButton
                  href={meetingsApi.escalationDocumentUrl(r.id)}
                  testId={`print-escalation-${r.id}`}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function OrgEscalations({ orgId, orgName, year }: { orgId: string; orgName: string; year: number }) {
  const q = useQuery({
    queryKey: keys.meetings.orgEscalations(orgId, year),
    queryFn: () => meetingsApi.orgEscalations(orgId, year),
  });
  return (
    <Card title={`党组织警示 · ${orgName}`} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        党支部当月未开展组织生活的，依次给予书面提醒、诫勉谈话，仍未整改的进行组织处置。
      </Typography.Paragraph>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<OrgEscalation>
          rowKey="id"
          size="middle"
          data-testid="org-escalations"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '本年度没有书面提醒、诫勉谈话或处置' }}
          columns={[
            {
              title: '类型',
              dataIndex: 'kind',
              render: (k: OrgEscalationKind) => (
                <Tag color={orgKindColors[k]}>{orgEscalationKindLabels[k]}</Tag>
              ),
            },
            { title: '未开展的月份', dataIndex: 'period', render: (p: string) => periodLabel(p) },
            { title: '日期', dataIndex: 'createdOn' },
            {
              title: '文书',
              key: 'doc',
              width: 80,
              render: (_: unknown, r) => <PrintButton href={meetingsApi.orgEscalationDocumentUrl(r.id)} />,
            },
          ]}
        />
      )}
    </Card>
  );
}

/** 预警与警戒: the members' escalation ladder and the branch's, each step with its printable document. */
export default function EscalationsPage() {
  usePageTitle('预警与警戒');
  const { org } = useSelectedOrg();
  const [params, setParams] = useSearchParams();
  const year = yearOf(params);
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <span>年度</span>
        <YearPicker value={year} onChange={(y) => setParams({ year: String(y) }, { replace: true })} />
      </Space>
      <MemberEscalations orgId={org?.id} year={year} />
      {org && <OrgEscalations orgId={org.id} orgName={org.name} year={year} />}
    </div>
  );
}
