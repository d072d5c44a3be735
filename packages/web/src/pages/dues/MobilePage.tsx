import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesMobileItem } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { usePageTitle } from '../../lib/title';
import { monthLabel } from './labels';
import { NeedsOrg, useYearParam, YearPicker } from './shared';

function MobileList({ orgId, year }: { orgId: string; year: number }) {
  const q = useQuery({ queryKey: keys.dues.mobile(orgId, year), queryFn: () => duesApi.mobile(orgId, year) });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Card title={`${year} 年流动党员党费`}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        流动党员向流入地党组织交纳党费；尚未落实流入地党组织的，向原党组织交纳，或日后向流入地党组织补交，两边都能看到同一笔记录，不会重复交纳。
      </Typography.Paragraph>
      <Table<DuesMobileItem>
        rowKey={(r) => `${r.memberId}:${r.month}`}
        size="middle"
        data-testid="dues-mobile-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有流动党员的党费记录' }}
        columns={[
          { title: '姓名', dataIndex: 'memberName' },
          { title: '原党组织', dataIndex: 'homeOrgName' },
          { title: '月份', dataIndex: 'month', render: monthLabel },
          { title: '交至', dataIndex: 'paidToOrgName' },
          {
            title: '方向',
            dataIndex: 'side',
            render: (s: string, r) => (
              <span>
                <Tag color={s === 'inflow' ? 'blue' : 'default'}>
                  {s === 'inflow' ? '流入地' : '原党组织'}
                </Tag>
                {r.catchUp && <Tag color="orange">补交</Tag>}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 流动党员: each mobile member's months and the side they were paid to, as both sides see them. */
export default function MobilePage() {
  usePageTitle('流动党员党费');
  const [year, setYear] = useYearParam();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <YearPicker value={year} onChange={setYear} />
      <NeedsOrg>{(org) => <MobileList orgId={org.id} year={year} />}</NeedsOrg>
    </Space>
  );
}
