import { Button, Form, Input } from 'antd';
import { authApi } from '../api/endpoints';
import { useFormMutation } from '../api/use-form-mutation';

/** Mirrors the server's rule so people learn about a weak password before submitting. */
export function checkStrength(password: string | undefined): Promise<void> {
  if (!password) return Promise.resolve();
  const kinds = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (password.length < 8) return Promise.reject(new Error('密码至少 8 位'));
  if (kinds < 2) return Promise.reject(new Error('密码须包含字母、数字、符号中的至少两种'));
  return Promise.resolve();
}

export function ChangePasswordForm({ size }: { size?: 'large' }) {
  const [form] = Form.useForm();
  const { busy, submit } = useFormMutation({
    mutate: (v: { currentPassword: string; newPassword: string }) =>
      authApi.changePassword(v.currentPassword, v.newPassword),
    success: '密码已修改',
    errorToast: true,
    onDone: () => form.resetFields(),
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} size={size} style={{ maxWidth: 420 }}>
      <Form.Item
        label="当前密码"
        name="currentPassword"
        rules={[{ required: true, message: '请输入当前密码' }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少 8 位，包含字母、数字、符号中的至少两种"
        rules={[{ required: true, message: '请输入新密码' }, { validator: (_, v) => checkStrength(v) }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block={size === 'large'}>
        修改密码
      </Button>
    </Form>
  );
}
