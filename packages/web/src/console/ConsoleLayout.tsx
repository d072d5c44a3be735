import { useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Dropdown, Grid, Layout, Menu, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { staffInboxApi } from '../api/endpoints';
import { keys } from '../api/keys';
import type { Org } from '../api/types';
import { LinkButton } from '../components/LinkButton';
import { useAuth, useMe } from '../lib/auth';
import { roleLabels } from '../lib/labels';
import { SYSTEM_NAME } from '../lib/title';
import { OrgTree } from './OrgTree';
import { useSelectedOrg } from './selected-org';

const sections = [
  { key: '/orgs', label: '组织管理', permission: 'org.read' },
  { key: '/members', label: '党员管理', permission: 'member.read' },
  { key: '/mobility', label: '流动党员', permission: 'member.read' },
  { key: '/meetings', label: '组织生活', permission: 'member.read' },
  { key: '/dues', label: '党费', permission: 'dues.read' },
  { key: '/disposals', label: '处置', permission: 'disposal.read' },
  { key: '/inbox', label: '工作提醒', permission: 'member.read' },
  { key: '/import', label: '导入导出', permission: 'member.import' },
  { key: '/stats', label: '统计分析', permission: 'stats.read' },
  { key: '/policies', label: '政策设置', permission: 'policy.read' },
  { key: '/users', label: '用户与角色', permission: 'user.manage' },
  { key: '/audit', label: '审计日志', permission: 'audit.read' },
];

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden focusable="false">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

/**
 * The morning's first look: how many reminders of the selected organization and below are unread.
 * Fetched again when the window regains focus and every few minutes; no push.
 */
function InboxBell() {
  const { org } = useSelectedOrg();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: keys.inbox.unread(org?.id ?? null),
    queryFn: () => staffInboxApi.list({ orgId: org?.id, unread: true, pageSize: 1 }),
    refetchOnWindowFocus: true,
    refetchInterval: 3 * 60_000,
    staleTime: 30_000,
  });
  const unread = q.data?.unread ?? 0;
  return (
    <Badge
      count={unread}
      overflowCount={99}
      size="small"
      offset={[-6, 6]}
      title={`${unread} 条未读工作提醒`}
      data-testid="inbox-badge"
      styles={{ indicator: { background: '#fff', color: '#b5151b', boxShadow: 'none', fontWeight: 600 } }}
    >
      <Button
        type="text"
        data-testid="inbox-bell"
        aria-label={unread ? `工作提醒（${unread} 条未读）` : '工作提醒'}
        title="工作提醒"
        icon={<BellIcon />}
        style={{ color: '#fff' }}
        onClick={() => navigate('/inbox')}
      />
    </Badge>
  );
}

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
  // On a phone the organization tree folds away (“切换组织” opens it over the page): the page gets the width.
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [treeFolded, setTreeFolded] = useState(() => window.matchMedia('(max-width: 767.98px)').matches);

  const onSelectOrg = (next: Org | null) => {
    select(next ? { id: next.id, name: next.name } : null);
    if (narrow) setTreeFolded(true);
    if (location.pathname.startsWith('/orgs')) navigate(next ? `/orgs/${next.id}` : '/orgs');
    else if (/^\/members\/.+/.test(location.pathname)) navigate('/members');
    else if (/^\/mobility\/members\//.test(location.pathname)) navigate('/mobility');
    else if (/^\/meetings\/(?!leave|exemptions|escalations)/.test(location.pathname)) {
      navigate(location.pathname.startsWith('/meetings/compliance') ? '/meetings/compliance' : '/meetings');
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 4 : 16,
          paddingInline: narrow ? 8 : 20,
        }}
      >
        {screens.sm !== false && (
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
            {SYSTEM_NAME}
          </Typography.Title>
        )}
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[active]}
          items={sections.filter((s) => can(s.permission)).map(({ key, label }) => ({ key, label }))}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0, background: 'transparent' }}
        />
        {!narrow && (
          <span
            style={{ color: 'rgba(255,255,255,.85)', whiteSpace: 'nowrap' }}
            data-testid="current-identity"
          >
            {me.orgName ?? '全部组织'}
            <Tag color="gold" style={{ marginLeft: 8 }}>
              {roleLabels[me.role]}
            </Tag>
          </span>
        )}
        {can('member.read') && <InboxBell />}
        <UserMenu />
      </Layout.Header>
      <Layout style={{ position: 'relative' }}>
        <Layout.Sider
          width={280}
          theme="light"
          breakpoint="md"
          collapsedWidth={0}
          collapsed={treeFolded}
          trigger={null}
          onBreakpoint={(below) => setTreeFolded(below)}
          style={{
            padding: treeFolded ? 0 : 12,
            borderRight: '1px solid #f0f0f0',
            // On a phone the unfolded tree lies over the page instead of squeezing it.
            ...(narrow
              ? {
                  position: 'absolute',
                  insetBlock: 0,
                  left: 0,
                  zIndex: 20,
                  boxShadow: '4px 0 12px rgba(0,0,0,.15)',
                }
              : {}),
          }}
        >
          <Typography.Text type="secondary" style={{ display: 'flex', marginBottom: 8 }}>
            <span style={{ flex: 1 }}>组织机构</span>
            {narrow && <LinkButton onClick={() => setTreeFolded(true)}>收起</LinkButton>}
          </Typography.Text>
          <OrgTree onSelect={onSelectOrg} />
        </Layout.Sider>
        <Layout.Content style={{ padding: narrow ? 8 : 20, minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
            当前组织：<Typography.Text strong>{org?.name ?? '全部组织'}</Typography.Text>
            {narrow && treeFolded && (
              <LinkButton style={{ marginLeft: 8 }} onClick={() => setTreeFolded(false)}>
                切换组织
              </LinkButton>
            )}
          </Typography.Text>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
