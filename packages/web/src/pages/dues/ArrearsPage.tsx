import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesArrearsItem } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { todayIso } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { monthLabel, yuan } from './labels';
import { NeedsOrg } from './shared';

function ArrearsList({ orgId, asOf }: { orgId: string; asOf: string }) {
  const q = useQuery({
    queryKey: keys.dues.arrears(orgId, asOf),
    queryFn: () => duesApi.arrears(orgId, asOf),
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const items = [...(q.data?.items ?? [])].sort(
    (a, b) => (b.consecutive ?? b.unpaidMonths) - (a.consecutive ?? a.unpaidMonths),
  );
  return (
    <Card title="欠交党费的党员">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        统计到所选日期的上一个月：已核定、未免交而未交的月份。连续 6
        个月不交纳党费又无正当理由的，按规定进入处置程序。
      </Typography.Paragraph>
      <Table<DuesArrearsItem>
        rowKey="memberId"
        size="middle"
        data-testid="arrears-table"
        loading={q.isFetching}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: '没有欠交党费的党员' }}
        columns={[
          { title: '姓名', dataIndex: 'memberName', render: (n: string | undefined) => n ?? '—' },
          { title: '所在组织', dataIndex: 'orgName', render: (n: string | undefined) => n ?? '—' },
          { title: '欠交月数', dataIndex: 'unpaidMonths', align: 'right' },
          { title: '其中连续', dataIndex: 'consecutive', align: 'right', render: (n?: number) => n ?? '—' },
          { title: '最早欠交', dataIndex: 'since', render: monthLabel },
          { title: '欠交金额', dataIndex: 'amount', align: 'right', render: yuan },
        ]}
      />
    </Card>
  );
}

/** 欠缴: who owes, how many months and since when, longest unbroken run first. */
export default function ArrearsPage() {
  usePageTitle('欠交党费');
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? todayIso();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <DatePicker
        aria-label="统计日期"
        allowClear={false}
        value={dayjs(asOf)}
        onChange={(d) => d && setParams({ asOf: d.format('YYYY-MM-DD') }, { replace: true })}
      />
      <NeedsOrg>{(org) => <ArrearsList orgId={org.id} asOf={asOf} />}</NeedsOrg>
    </Space>
  );
}
