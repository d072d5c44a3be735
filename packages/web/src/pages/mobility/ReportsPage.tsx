import { useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { ThoughtReport } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { formatTime, periodLabel } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { AcknowledgeModal } from './dialogs';

/** 思想汇报 of the members in scope: the pending ones first, each acknowledged with a reply. */
export default function ReportsPage() {
  usePageTitle('思想汇报');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const [pending, setPending] = useState(true);
  const [ack, setAck] = useState<ThoughtReport | null>(null);
  const q = useQuery({
    queryKey: keys.mobility.reports(org?.id, pending ? 'pending' : 'all'),
    queryFn: () => mobilityApi.reports({ orgId: org?.id, pending }),
  });
  const canWrite = can('member.write');
  return (
    <Card
      title={`流动党员思想汇报${org ? ` · ${org.name}及下级` : ''}`}
      extra={
        <Segmented
          value={pending ? 'pending' : 'all'}
          options={[
            { value: 'pending', label: '待阅' },
            { value: 'all', label: '全部' },
          ]}
          onChange={(v) => setPending(v === 'pending')}
        />
      }
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<ThoughtReport>
          rowKey="id"
          size="middle"
          data-testid="reports-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 篇` }}
          locale={{
            emptyText: q.isLoading ? '正在加载…' : pending ? '没有待阅的思想汇报' : '还没有思想汇报',
          }}
          expandable={{
            expandedRowRender: (r) => (
              <div style={{ paddingLeft: 8 }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.content}</Typography.Paragraph>
                {r.acknowledgedAt && (
                  <Typography.Text type="secondary">
                    {r.acknowledgedBy ?? ''} 于 {formatTime(r.acknowledgedAt)} 阅知
                    {r.reply ? `，回复：${r.reply}` : ''}
                  </Typography.Text>
                )}
              </div>
            ),
          }}
          columns={[
            {
              title: '党员',
              dataIndex: 'memberName',
              width: 110,
              render: (v: string, r) => <Link to={`/mobility/members/${r.memberId}`}>{v}</Link>,
            },
            { title: '月份', dataIndex: 'month', width: 120, render: periodLabel },
            {
              title: '内容',
              dataIndex: 'content',
              ellipsis: true,
              render: (v: string) => v.replace(/\s+/g, ' '),
            },
            {
              title: '提交时间',
              dataIndex: 'submittedAt',
              width: 160,
              render: (v: string) => formatTime(v),
            },
            {
              title: '状态',
              key: 'state',
              width: 90,
              render: (_, r) =>
                r.acknowledgedAt ? <Tag color="green">已阅</Tag> : <Tag color="gold">待阅</Tag>,
            },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 90,
                    render: (_: unknown, r: ThoughtReport) =>
                      r.acknowledgedAt ? null : (
                        <Button size="small" type="primary" onClick={() => setAck(r)}>
                          阅知
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {ack && <AcknowledgeModal report={ack} onClose={() => setAck(null)} />}
    </Card>
  );
}
