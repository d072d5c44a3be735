import { useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { mobilityApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { StandingCase, StandingCaseKind } from '../../../api/types';
import { ErrorState } from '../../../components/QueryState';
import { useSelectedOrg } from '../../../console/selected-org';
import { formatTime } from '../../../lib/format';
import { caseKindLabels, caseStatusLabels, label, lostContactReasonLabels } from '../../../lib/labels';
import { meetingText, type OnDialog } from './shared';

/** The cases of the scope: pending ones with the decision where the server offers it, decided ones with their result. */
export function Cases({ onDialog }: { onDialog: OnDialog }) {
  const { org } = useSelectedOrg();
  const [status, setStatus] = useState<'pending' | 'decided'>('pending');
  const q = useQuery({
    queryKey: keys.standing.cases(org?.id, status),
    queryFn: () =>
      mobilityApi.cases({ orgId: org?.id, status: status === 'pending' ? 'pending' : undefined }),
  });
  const items = (q.data?.items ?? []).filter((c) => (status === 'pending' ? true : c.status !== 'pending'));
  return (
    <Card
      title="党籍处置审批"
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'pending' | 'decided')}
          options={[
            { value: 'pending', label: '待审批' },
            { value: 'decided', label: '已处理' },
          ]}
        />
      }
    >
      {status === 'pending' && (
        <Typography.Paragraph type="secondary">
          停止党籍、恢复党籍和按自行脱党除名由党支部讨论决定后提出，须由上级党委（党工委）审批，提出人不能审批本人提出的事项。
        </Typography.Paragraph>
      )}
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<StandingCase>
          rowKey="id"
          size="middle"
          data-testid="standing-cases"
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{
            emptyText: q.isLoading
              ? '正在加载…'
              : status === 'pending'
                ? '没有待审批的事项'
                : '没有已处理的事项',
          }}
          columns={[
            {
              title: '党员',
              dataIndex: 'memberName',
              width: 100,
              render: (v: string, r) => <Link to={`/mobility/members/${r.memberId}`}>{v}</Link>,
            },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            {
              title: '事项',
              dataIndex: 'kind',
              width: 140,
              render: (k: StandingCaseKind) => (
                <Tag color={k === 'restore' ? 'green' : 'volcano'}>{caseKindLabels[k]}</Tag>
              ),
            },
            {
              title: '原因及说明',
              key: 'why',
              ellipsis: true,
              render: (_, c) =>
                [c.reasonCode ? label(lostContactReasonLabels, c.reasonCode) : null, c.note]
                  .filter(Boolean)
                  .join('；') || '—',
            },
            {
              title: '支部决定',
              key: 'meeting',
              width: 240,
              render: (_, c) => meetingText(c.meeting),
            },
            {
              title: '提出',
              key: 'proposed',
              width: 220,
              render: (_, c) => (
                <span>
                  {c.proposerOrgName ?? '系统管理员'} {c.proposedBy ?? '—'}
                  <br />
                  <Typography.Text type="secondary">{formatTime(c.proposedAt)}</Typography.Text>
                </span>
              ),
            },
            {
              title: '审批组织',
              dataIndex: 'decidingOrgName',
              width: 160,
              render: (v: string | null) => v ?? '—',
            },
            status === 'pending'
              ? {
                  title: '审批',
                  key: 'op',
                  width: 160,
                  render: (_, c) =>
                    c.abilities.decide.allowed ? (
                      <Space>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => onDialog({ kind: 'decide', c, approve: true })}
                        >
                          批准
                        </Button>
                        <Button size="small" onClick={() => onDialog({ kind: 'decide', c, approve: false })}>
                          不批准
                        </Button>
                      </Space>
                    ) : (
                      <Tooltip title={c.abilities.decide.reason}>
                        <Tag color="gold">待{c.decidingOrgName ?? '党委'}审批</Tag>
                      </Tooltip>
                    ),
                }
              : {
                  title: '结果',
                  key: 'result',
                  width: 260,
                  render: (_, c) => (
                    <span>
                      <Tag color={c.status === 'approved' ? 'green' : 'default'}>
                        {caseStatusLabels[c.status]}
                      </Tag>
                      {c.decidedBy ?? ''} {formatTime(c.decidedAt, '')}
                      {c.decisionNote ? `：${c.decisionNote}` : ''}
                    </span>
                  ),
                },
          ]}
        />
      )}
    </Card>
  );
}
