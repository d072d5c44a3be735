import { App, Button, Dropdown, Layout, Menu, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Org } from '../api/types';
import { useAuth, useMe } from '../lib/auth';
import { roleLabels } from '../lib/labels';
import { SYSTEM_NAME } from '../lib/title';
import { OrgTree } from './OrgTree';
import { useSelectedOrg } from './selected-org';

const sections = [
  { key: '/orgs', label: '组织管理', permission: 'org.read' },
  { key: '/members', label: '党员管理', permission: 'member.read' },
  { key: '/mobility', label: '流动党员', permission: 'member.read' },
  { key: '/import', label: '导入导出', permission: 'member.import' },
  { key: '/stats', label: '统计分析', permission: 'stats.read' },
  { key: '/policies', label: '政策设置', permission: 'policy.read' },
  { key: '/users', label: '用户与角色', permission: 'user.manage' },
  { key: '/audit', label: '审计日志', permission: 'audit.read' },
];

function UserMenu() {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'account', label: '修改密码与登录设备' },
          { type: 'divider' },
          { key: 'logout', label: '退出登录' },
        ],
        onClick: async ({ key }) => {
          if (key === 'account') navigate('/account');
          if (key === 'logout') {
            await signOut();
            message.success('已退出登录');
            navigate('/login', { replace: true });
          }
        },
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
        {me.displayName || me.username} ▾
      </Button>
    </Dropdown>
  );
}

export function ConsoleLayout() {
  const me = useMe();
  const { can } = useAuth();
  const { org, select } = useSelectedOrg();
  const navigate = useNavigate();
  const location = useLocation();
  const active = sections.find((s) => location.pathname.startsWith(s.key))?.key ?? '';

  const onSelectOrg = (next: Org | null) => {
    select(next ? { id: next.id, name: next.name } : null);
    if (location.pathname.startsWith('/orgs')) navigate(next ? `/orgs/${next.id}` : '/orgs');
    else if (/^\/members\/.+/.test(location.pathname)) navigate('/members');
    else if (/^\/mobility\/members\//.test(location.pathname)) navigate('/mobility');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {SYSTEM_NAME}
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[active]}
          items={sections.filter((s) => can(s.permission)).map(({ key, label }) => ({ key, label }))}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0, background: 'transparent' }}
        />
        <span style={{ color: 'rgba(255,255,255,.85)', whiteSpace: 'nowrap' }} data-testid="current-identity">
          {me.orgName ?? '全部组织'}
          <Tag color="gold" style={{ marginLeft: 8 }}>
            {roleLabels[me.role]}
          </Tag>
        </span>
        <UserMenu />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={280} theme="light" style={{ padding: 12, borderRight: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            组织机构
          </Typography.Text>
          <OrgTree onSelect={onSelectOrg} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
            当前组织：<Typography.Text strong>{org?.name ?? '全部组织'}</Typography.Text>
          </Typography.Text>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
