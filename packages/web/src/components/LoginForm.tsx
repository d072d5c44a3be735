import { Alert, Button, Form, Input } from 'antd';
import { errorMessage } from '../api/client';
import type { Me } from '../api/types';
import { useFormMutation } from '../api/use-form-mutation';
import { useAuth } from '../lib/auth';

export function LoginForm({ onDone, size }: { onDone: (me: Me) => void; size?: 'large' }) {
  const { signIn, expired } = useAuth();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { username: string; password: string }) => signIn(v.username.trim(), v.password),
    onDone,
  });
  return (
    <Form layout="vertical" onFinish={submit} size={size} requiredMark={false} autoComplete="on">
      {expired && !error && (
        <Alert type="warning" showIcon title="登录已过期，请重新登录" style={{ marginBottom: 16 }} />
      )}
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
        <Input autoComplete="username" placeholder="请输入用户名" />
      </Form.Item>
      <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password autoComplete="current-password" placeholder="请输入密码" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        登录
      </Button>
    </Form>
  );
}
