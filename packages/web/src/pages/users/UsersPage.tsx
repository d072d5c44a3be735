import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { userApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { User } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { roleLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { CreateUserModal, EditUserModal } from './UserDialogs';

export default function UsersPage() {
  usePageTitle('用户与角色');
  const { org } = useSelectedOrg();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit'; user: User } | null>(null);
  const q = useQuery({
    queryKey: keys.users.list(org?.id, page),
    queryFn: () => userApi.list({ orgId: org?.id, ...page }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title={`用户与角色${org ? ` · ${org.name}及下级` : ''}`}
      extra={
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
          新建用户
        </Button>
      }
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: '暂无用户' }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: q.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 个用户`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName', render: (v) => v ?? '—' },
            { title: '邮箱', dataIndex: 'email', render: (v) => v ?? '—' },
            {
              title: '角色',
              dataIndex: 'role',
              render: (r: User['role']) => <Tag color="red">{roleLabels[r] ?? r}</Tag>,
            },
            { title: '所属组织', dataIndex: 'orgName', render: (v) => v ?? '全部组织' },
            {
              title: '状态',
              key: 'state',
              render: (_, u) =>
                u.disabled ? (
                  <Tag>已停用</Tag>
                ) : u.locked ? (
                  <Tag color="orange">已锁定</Tag>
                ) : (
                  <Tag color="green">正常</Tag>
                ),
            },
            {
              title: '创建时间',
              dataIndex: 'createdAt',
              render: (v: string) => new Date(v).toLocaleDateString('zh-CN'),
            },
            {
              title: '操作',
              key: 'op',
              render: (_, u) => (
                <LinkButton onClick={() => setDialog({ kind: 'edit', user: u })}>修改</LinkButton>
              ),
            },
          ]}
        />
      )}
      {dialog?.kind === 'create' && <CreateUserModal defaultOrg={org} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} onClose={() => setDialog(null)} />}
    </Card>
  );
}
