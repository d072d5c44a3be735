import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { Org } from '../../api/types';

export function OrgTable({ items, loading }: { items: Org[]; loading?: boolean }) {
  return (
    <Table<Org>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级组织" /> }}
      columns={[
        {
          title: '组织名称',
          dataIndex: 'name',
          render: (name, o) => <Link to={`/orgs/${o.id}`}>{name}</Link>,
        },
        { title: '类别', dataIndex: 'typeLabel', width: 140 },
        { title: '所在地区', dataIndex: 'regionName', width: 200, render: (v) => v ?? '—' },
        { title: '党员数', dataIndex: 'memberCount', width: 90, align: 'right' },
        {
          title: '状态',
          dataIndex: 'dissolved',
          width: 90,
          render: (d: boolean) => (d ? <Tag>已撤销</Tag> : <Tag color="green">正常</Tag>),
        },
      ]}
    />
  );
}

/** The organizations directly below one. */
export function Children({ id }: { id: string }) {
  const q = useQuery({ queryKey: keys.orgs.children(id), queryFn: () => orgApi.children(id) });
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  return <OrgTable items={q.data?.items ?? []} loading={q.isLoading} />;
}
