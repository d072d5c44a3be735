import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Result, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { memberApi } from '../api/endpoints';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { QueryState } from '../components/QueryState';
import { useAuth, useMe } from '../lib/auth';
import { educationLabels, genderLabels, kindLabels, label, standingLabels } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { PortalCard } from './PortalCard';
import { body, header, PORTAL_NAME, page } from './portal-style';

const tap = { height: 52, fontSize: 17 };

export function PortalShell({ children }: { children: ReactNode }) {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
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
        style={{
          display: 'grid',
          gridTemplateColumns: '1fr 1fr',
          background: '#fff',
          borderTop: '1px solid #eee',
        }}
      >
        {[
          { to: '/m', text: '我的信息' },
          { to: '/m/password', text: '修改密码' },
        ].map((l) => (
          <Button
            key={l.to}
            type="text"
            style={{
              ...tap,
              borderRadius: 0,
              color: pathname === l.to ? '#c8161d' : undefined,
              fontWeight: pathname === l.to ? 600 : 400,
            }}
            onClick={() => navigate(l.to)}
          >
            {l.text}
          </Button>
        ))}
      </nav>
    </div>
  );
}

export function MyRecord() {
  usePageTitle('我的信息', PORTAL_NAME);
  const me = useMe();
  const q = useQuery({ queryKey: ['member', me.memberId], queryFn: () => memberApi.get(me.memberId!) });
  return (
    <QueryState query={q}>
      {(m) => (
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
          <p style={{ color: '#888', marginBottom: 0 }}>
            个人敏感信息已隐去部分内容。如信息有误，请联系所在党支部更正。
          </p>
        </PortalCard>
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
