import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Table, Tag, Typography } from 'antd';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { InflowRow } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/title';
import { RegisterInflowForm } from './inflows/RegisterInflowForm';

/** 流入党员: members of other organizations living and taking part in life here. */
export default function InflowsPage() {
  usePageTitle('流入党员');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: keys.mobility.inflows(org?.id),
    queryFn: () => mobilityApi.inflows(org?.id),
  });
  return (
    <Row gutter={[16, 16]}>
      {can('member.write') && (
        <Col xs={24} xl={7}>
          <RegisterInflowForm />
        </Col>
      )}
      <Col xs={24} xl={can('member.write') ? 17 : 24}>
        <Card title={`流入党员${org ? ` · ${org.name}及下级` : ''}`}>
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            持流动党员活动证的党员在流入地参加组织生活、交纳党费，但不具有表决权、选举权和被选举权。
          </Typography.Paragraph>
          {q.error ? (
            <ErrorState error={q.error} onRetry={() => q.refetch()} />
          ) : (
            <Table<InflowRow>
              rowKey="id"
              size="middle"
              data-testid="inflows-table"
              loading={q.isFetching}
              dataSource={q.data?.items ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
              locale={{ emptyText: q.isLoading ? '正在加载…' : '还没有流入党员' }}
              columns={[
                {
                  title: '姓名 / 原所在党组织',
                  dataIndex: 'name',
                  render: (v: string, r) => (
                    <div>
                      {v} {r.internal ? <Tag color="blue">本系统</Tag> : <Tag>系统外</Tag>}
                      <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.originOrgName}</div>
                    </div>
                  ),
                },
                {
                  title: '证件编号/核验码',
                  dataIndex: 'certificateNumber',
                  width: 150,
                  render: (v) => v ?? '—',
                },
                { title: '联系方式', dataIndex: 'contact', width: 120, render: (v) => v ?? '—' },
                {
                  title: '到达日期 / 接收党组织',
                  dataIndex: 'arrivedOn',
                  render: (v: string, r) => (
                    <div>
                      {v}
                      <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.hostOrgName}</div>
                    </div>
                  ),
                },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 80,
                  render: (s: string) => (s === 'open' ? <Tag color="green">在本地</Tag> : <Tag>已离开</Tag>),
                },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
