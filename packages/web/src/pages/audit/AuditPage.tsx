import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { auditApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { AuditEntry, AuditFilter } from '../../api/types';
import { ChangeTable } from '../../components/ChangeTable';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { auditActionLabels, auditEntityLabels, label } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';

const options = (m: Record<string, string>) => Object.entries(m).map(([value, l]) => ({ value, label: l }));

export default function AuditPage() {
  usePageTitle('审计日志');
  const { org } = useSelectedOrg();
  const [draft, setDraft] = useState<AuditFilter>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { ...filter, orgId: org?.id };
  const q = useQuery({
    queryKey: keys.audit.list(query, page),
    queryFn: () => auditApi.list({ ...query, ...page }),
    placeholderData: keepPreviousData,
  });
  const apply = () => {
    setFilter({
      ...draft,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    });
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <Card title={`审计日志${org ? ` · ${org.name}及下级` : ''}`}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          placeholder="操作人用户名"
          allowClear
          style={{ width: 160 }}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value || undefined })}
        />
        <Select
          placeholder="操作类型"
          allowClear
          style={{ width: 170 }}
          value={draft.action}
          options={options(auditActionLabels)}
          onChange={(v) => setDraft({ ...draft, action: v })}
        />
        <Select
          placeholder="对象类型"
          allowClear
          style={{ width: 120 }}
          value={draft.entity}
          options={options(auditEntityLabels)}
          onChange={(v) => setDraft({ ...draft, entity: v })}
        />
        <Input
          placeholder="对象编号"
          allowClear
          style={{ width: 200 }}
          value={draft.entityId}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value || undefined })}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
        <Button type="primary" onClick={apply}>
          查询
        </Button>
        <Button
          onClick={() => {
            setDraft({});
            setRange(null);
            setFilter({});
          }}
        >
          重置
        </Button>
      </Space>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: q.isFetching ? '正在加载…' : '没有符合条件的记录' }}
          expandable={{
            expandedRowRender: (e) => <ChangeTable before={e.before} after={e.after} refs={q.data?.refs} />,
          }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: q.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: '时间',
              dataIndex: 'at',
              width: 180,
              render: (v: string) => new Date(v).toLocaleString('zh-CN'),
            },
            { title: '操作人', dataIndex: 'actorName', width: 140, render: (v) => v ?? '系统' },
            {
              title: '操作',
              dataIndex: 'action',
              width: 160,
              render: (v: string) => label(auditActionLabels, v),
            },
            {
              title: '对象类型',
              dataIndex: 'entity',
              width: 90,
              render: (v: string) => label(auditEntityLabels, v),
            },
            {
              title: '对象',
              key: 'entityName',
              ellipsis: true,
              render: (_: unknown, e: AuditEntry) =>
                e.entityId ? (q.data?.refs?.[e.entityId] ?? e.entityId) : '—',
            },
          ]}
        />
      )}
    </Card>
  );
}
