import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { disposalApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DisposalGround, DisposalListItem, DisposalStatus } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { optionsOf } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { CreateDisposalModal } from './CreateDisposalModal';
import { decisionLabels, groundLabels, statusColors, statusLabels } from './labels';
import { StepProgress } from './StepProgress';

type Filter = { status?: DisposalStatus; ground?: DisposalGround };

/**
 * 处置 (RULES.md §6): the members whose ground put them in the queue, where each stands in the five
 * steps, and the decisions taken; the selected organization and below.
 */
export default function DisposalsPage() {
  usePageTitle('处置');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const query = { orgId: org?.id, ...filter };
  const q = useQuery({
    queryKey: keys.disposals.list(query, page.page, page.pageSize),
    queryFn: () => disposalApi.list({ ...query, ...page }),
  });
  const onFilter = (next: Filter) => {
    setFilter(next);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await disposalApi.exportXlsx(org?.id);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card
      title="处置名单"
      extra={
        <Space>
          <Button loading={exporting} onClick={exportXlsx}>
            导出
          </Button>
          {can('disposal.write') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              新增候选
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        处置不合格党员按五步程序进行：支委会初步认定、调查核实、上级预审、支部大会表决、审批并告知本人。连续六个月不参加组织生活、不交纳党费或不做党所分配的工作的，经批评教育仍不改正，按自行脱党除名。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="状态"
          aria-label="按状态筛选"
          style={{ width: 140 }}
          value={filter.status}
          options={optionsOf(statusLabels)}
          onChange={(status) => onFilter({ ...filter, status })}
        />
        <Select
          allowClear
          placeholder="事由"
          aria-label="按事由筛选"
          style={{ width: 240 }}
          value={filter.ground}
          options={optionsOf(groundLabels)}
          onChange={(ground) => onFilter({ ...filter, ground })}
        />
        {(filter.status || filter.ground) && <Button onClick={() => onFilter({})}>清除筛选</Button>}
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<DisposalListItem>
          rowKey="id"
          size="middle"
          data-testid="disposals-table"
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          dataSource={q.data?.items ?? []}
          locale={{
            emptyText: q.isLoading
              ? '正在加载…'
              : filter.status || filter.ground
                ? '没有符合条件的处置'
                : '处置名单为空',
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 人次`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: '党员',
              dataIndex: 'name',
              width: 110,
              render: (v: string, r) => <Link to={`/disposals/${r.id}`}>{v}</Link>,
            },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            {
              title: '事由',
              dataIndex: 'ground',
              width: 220,
              render: (g: DisposalGround) => groundLabels[g] ?? g,
            },
            { title: '列入日期', dataIndex: 'createdOn', width: 110 },
            {
              title: '进度',
              dataIndex: 'step',
              width: 200,
              render: (s: number) => <StepProgress step={s} />,
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 110,
              render: (s: DisposalStatus) => <Tag color={statusColors[s]}>{statusLabels[s]}</Tag>,
            },
            {
              title: '决定',
              key: 'decision',
              width: 180,
              render: (_, r) =>
                r.decision ? (
                  <span>
                    {decisionLabels[r.decision]}
                    {r.followUpOn ? (
                      <Typography.Text type="secondary">（{r.followUpOn} 复查）</Typography.Text>
                    ) : null}
                  </span>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      {creating && <CreateDisposalModal orgId={org?.id} onClose={() => setCreating(false)} />}
    </Card>
  );
}
