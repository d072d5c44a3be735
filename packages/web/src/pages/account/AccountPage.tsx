import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Popconfirm, Space, Table, Tag } from 'antd';
import { authApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { Session } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ChangePasswordForm } from '../../components/ChangePasswordForm';
import { LinkButton } from '../../components/LinkButton';
import { ErrorState } from '../../components/QueryState';
import { useMe } from '../../lib/auth';
import { roleLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';

function Sessions() {
  const q = useQuery({ queryKey: keys.sessions.all, queryFn: authApi.sessions });
  const revoke = useFormMutation({
    mutate: (id: string) => authApi.revokeSession(id),
    success: '已注销该设备的登录',
    invalidate: [keys.sessions.all],
    errorToast: true,
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const time = (v?: string) => (v ? new Date(v).toLocaleString('zh-CN') : '—');
  return (
    <Table<Session>
      rowKey="id"
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      pagination={false}
      columns={[
        {
          title: '设备',
          dataIndex: 'userAgent',
          ellipsis: true,
          render: (v, s) => (
            <span>
              {v ?? '未知设备'} {s.current && <Tag color="green">当前</Tag>}
            </span>
          ),
        },
        { title: 'IP 地址', dataIndex: 'ip', width: 140, render: (v) => v ?? '—' },
        { title: '登录时间', dataIndex: 'createdAt', width: 180, render: time },
        { title: '最近活动', dataIndex: 'lastSeenAt', width: 180, render: time },
        {
          title: '',
          key: 'op',
          width: 80,
          render: (_, s) =>
            s.current ? null : (
              <Popconfirm
                title="注销该设备的登录？"
                okText="注销"
                cancelText="取消"
                onConfirm={() => revoke.submitAsync(s.id).catch(() => undefined)}
              >
                <LinkButton danger>注销</LinkButton>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}

export default function AccountPage() {
  usePageTitle('账号设置');
  const me = useMe();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="我的账号">
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'u', label: '用户名', children: me.username },
            { key: 'n', label: '姓名', children: me.displayName ?? '—' },
            { key: 'r', label: '角色', children: roleLabels[me.role] },
            { key: 'o', label: '所属组织', children: me.orgName ?? '全部组织' },
          ]}
        />
      </Card>
      <Card title="修改密码">
        <ChangePasswordForm />
      </Card>
      <Card title="登录设备">
        <Sessions />
      </Card>
    </Space>
  );
}
