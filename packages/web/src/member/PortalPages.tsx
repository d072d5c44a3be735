import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Result, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { memberApi } from '../api/endpoints';
import { keys } from '../api/keys';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { QueryState } from '../components/QueryState';
import { useAuth, useMe } from '../lib/auth';
import { educationLabels, genderLabels, kindLabels, label, standingLabels } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { DuesCard } from './dues/DuesCard';
import { TodoBanner, useInbox } from './MobilityPages';
import { LifeCard } from './meetings/LifeCard';
import { PortalCard } from './PortalCard';
import { body, header, PORTAL_NAME, page } from './portal-style';

const tap = { height: 52, fontSize: 17 };

export function PortalShell({ children }: { children: ReactNode }) {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const inbox = useInbox();
  const unread = (inbox.data?.items ?? []).filter((i) => !i.readAt).length;
  return (
    <div style={page}>
      <div style={header}>
        <span>{PORTAL_NAME}</span>
        <Button
          ghost
          size="middle"
          onClick={async () => {
            await signOut();
            navigate('/m/login', { replace: true });
          }}
        >
          退出
        </Button>
      </div>
      <div style={body}>{children}</div>
      <nav
        aria-label="主导航"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(4, 1fr)',
          background: '#fff',
          borderTop: '1px solid #eee',
          position: 'sticky',
          bottom: 0,
          zIndex: 10,
        }}
      >
        {[
          { to: '/m', text: '我的信息' },
          { to: '/m/todo', text: '待办' },
          { to: '/m/reports', text: '思想汇报' },
          { to: '/m/inbox', text: '提醒', badge: unread },
        ].map((l) => (
          <Button
            key={l.to}
            type="text"
            autoInsertSpace={false}
            aria-current={pathname === l.to ? 'page' : undefined}
            aria-label={l.badge ? `${l.text}（${l.badge} 条未读）` : undefined}
            style={{
              ...tap,
              fontSize: 16,
              paddingInline: 2,
              borderRadius: 0,
              color: pathname === l.to ? '#c8161d' : undefined,
              fontWeight: pathname === l.to ? 600 : 400,
            }}
            onClick={() => navigate(l.to)}
          >
            {l.text}
            {l.badge ? (
              <span
                data-testid="unread-badge"
                aria-hidden
                style={{
                  marginLeft: 3,
                  minWidth: 18,
                  height: 18,
                  lineHeight: '18px',
                  padding: '0 5px',
                  borderRadius: 9,
                  background: '#ff4d4f',
                  color: '#fff',
                  fontSize: 12,
                  fontWeight: 400,
                  display: 'inline-block',
                }}
              >
                {l.badge > 99 ? '99+' : l.badge}
              </span>
            ) : null}
          </Button>
        ))}
      </nav>
    </div>
  );
}

export function MyRecord() {
  usePageTitle('我的信息', PORTAL_NAME);
  const me = useMe();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: keys.members.detail(me.memberId),
    queryFn: () => memberApi.get(me.memberId!),
  });
  return (
    <QueryState query={q}>
      {(m) => (
        <>
          <TodoBanner />
          <PortalCard
            title={
              <span data-testid="portal-name">
                {m.name} <Tag color={m.kind === 'full' ? 'red' : 'orange'}>{kindLabels[m.kind]}</Tag>
              </span>
            }
          >
            <Descriptions
              column={1}
              size="middle"
              items={[
                { key: 'org', label: '所在党组织', children: m.orgName },
                { key: 'gender', label: '性别', children: genderLabels[m.gender] },
                { key: 'birth', label: '出生日期', children: m.birthDate },
                { key: 'id', label: '身份证号', children: <span data-testid="portal-id">{m.idNumber}</span> },
                { key: 'edu', label: '学历', children: label(educationLabels, m.education) },
                { key: 'phone', label: '联系电话', children: m.phone ?? '—' },
                { key: 'joined', label: '入党日期', children: m.joinedOn },
                { key: 'full', label: '转正日期', children: m.fullOn ?? '—' },
                { key: 'standing', label: '党籍状态', children: standingLabels[m.standing] },
                { key: 'mobile', label: '流动党员', children: m.mobile ? '是' : '否' },
              ]}
            />
            <p style={{ color: '#888' }}>
              个人敏感信息已隐去部分内容。换了手机号、住址或所在城市，可在这里提交，党支部确认后更新；其他信息有误请联系所在党支部更正。
            </p>
            <Button
              block
              type="primary"
              ghost
              style={{ ...tap, marginBottom: 12 }}
              onClick={() => navigate('/m/contact')}
            >
              修改联系方式
            </Button>
            <Button block style={tap} onClick={() => navigate('/m/password')}>
              修改密码
            </Button>
          </PortalCard>
          <div style={{ height: 12 }} />
          <LifeCard />
          <div style={{ height: 12 }} />
          <DuesCard />
        </>
      )}
    </QueryState>
  );
}

export function MyPassword() {
  usePageTitle('修改密码', PORTAL_NAME);
  return (
    <PortalCard title="修改密码">
      <ChangePasswordForm size="large" />
    </PortalCard>
  );
}

export function NotAMember() {
  usePageTitle('党员入口', PORTAL_NAME);
  const { signOut } = useAuth();
  return (
    <div style={page}>
      <div style={header}>{PORTAL_NAME}</div>
      <Result
        status="info"
        title="此入口供党员本人使用"
        subTitle="您的账号是党务工作人员账号，请进入管理后台。"
        extra={[
          <Button key="console" type="primary" size="large" href="/">
            进入管理后台
          </Button>,
          <Button key="out" size="large" onClick={() => signOut()}>
            退出登录
          </Button>,
        ]}
      />
    </div>
  );
}
