import { Card, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { LoginForm } from '../components/LoginForm';
import { SYSTEM_NAME, usePageTitle } from '../lib/title';

export function LoginPage() {
  usePageTitle('登录');
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  // The API docs send people here with ?next=/api/docs: a server page, so it is a full navigation.
  const next = new URLSearchParams(location.search).get('next');
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #b5151b 0%, #7a0c10 55%, #f5f5f5 55%)',
      }}
    >
      <Card style={{ width: 380, boxShadow: '0 8px 30px rgba(0,0,0,.15)' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          {SYSTEM_NAME}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          党组织与党员（含流动党员）管理
        </Typography.Paragraph>
        <LoginForm
          size="large"
          onDone={(me) => {
            if (me.role === 'member') window.location.assign('/m');
            else if (next?.startsWith('/api/docs')) window.location.assign(next);
            else navigate(from && from !== '/login' ? from : '/', { replace: true });
          }}
        />
      </Card>
    </div>
  );
}
