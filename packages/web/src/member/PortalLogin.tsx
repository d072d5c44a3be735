import { Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { LoginForm } from '../components/LoginForm';
import { usePageTitle } from '../lib/title';
import { PortalCard } from './PortalCard';
import { body, header, PORTAL_NAME, page } from './portal-style';

export function PortalLogin() {
  usePageTitle('登录', PORTAL_NAME);
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  return (
    <div style={page}>
      <div style={header}>{PORTAL_NAME}</div>
      <div style={body}>
        <PortalCard title="党员登录">
          <Typography.Paragraph type="secondary">
            使用党组织为您开通的账号登录，查看本人信息。
          </Typography.Paragraph>
          <LoginForm
            size="large"
            onDone={(me) => {
              if (me.role === 'member') navigate(from?.startsWith('/m/') ? from : '/m', { replace: true });
              else window.location.assign('/');
            }}
          />
        </PortalCard>
      </div>
    </div>
  );
}
