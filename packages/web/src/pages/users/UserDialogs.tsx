import { Form, Input, Modal, Select, Switch } from 'antd';
import { userApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { Role, User } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { checkStrength } from '../../components/ChangePasswordForm';
import { MemberPicker } from '../../components/MemberPicker';
import { OrgPicker } from '../../components/OrgPicker';
import { InlineError } from '../../components/QueryState';
import { validated } from '../../lib/forms';
import { roleLabels } from '../../lib/labels';

const roleHelp: Record<Role, string> = {
  admin: '管理本组织及下级的全部事项，含审计日志',
  manager: '管理本组织及下级的全部事项，审计日志除外',
  clerk: '录入和导入党员信息，不能审批',
  auditor: '只读，可查看审计日志',
  member: '党员本人，使用手机端查看自己的信息',
};

export const roleOptions = (Object.keys(roleLabels) as Role[]).map((r) => ({
  value: r,
  label: `${roleLabels[r]} · ${roleHelp[r]}`,
}));

/** Optional: where staff reminders are e-mailed when the server has a mail server configured. */
const emailItem = (
  <Form.Item
    label="邮箱"
    name="email"
    rules={[{ type: 'email', message: '邮箱格式不正确' }]}
    extra="用于接收工作提醒邮件（联系流动党员、年度评议等），可不填"
  >
    <Input type="email" maxLength={254} autoComplete="off" />
  </Form.Item>
);

interface CreateValues {
  username: string;
  displayName?: string;
  email?: string;
  password: string;
  orgId: string;
  role: Role;
  memberId?: string;
}

export function CreateUserModal({
  defaultOrg,
  onClose,
}: {
  defaultOrg: { id: string; name: string } | null;
  /** Closes the dialog: on cancel, and once the user is saved and the list refetched. */
  onClose: () => void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const role = Form.useWatch('role', form);
  const orgId = Form.useWatch('orgId', form);
  const { busy, error, submit } = useFormMutation({
    mutate: (v: CreateValues) =>
      userApi.create({
        username: v.username.trim(),
        password: v.password,
        orgId: v.orgId,
        role: v.role,
        displayName: v.displayName?.trim() || undefined,
        email: v.email?.trim() || undefined,
        memberId: v.role === 'member' ? v.memberId : undefined,
      }),
    success: (u) => `已创建用户“${u.username}”`,
    invalidate: [keys.users.all],
    onDone: onClose,
  });
  return (
    <Modal
      open
      title="新建用户"
      okText="创建"
      onOk={() => validated(form).then(submit)}
      confirmLoading={busy}
      onCancel={onClose}
      width={600}
    >
      <InlineError error={error} />
      <Form form={form} layout="vertical" initialValues={{ orgId: defaultOrg?.id, role: 'clerk' }}>
        <Form.Item
          label="用户名"
          name="username"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: '用户名为 3–64 位字母、数字或 _ . @ -' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName">
          <Input maxLength={50} />
        </Form.Item>
        {emailItem}
        <Form.Item
          label="初始密码"
          name="password"
          rules={[{ required: true, message: '请输入初始密码' }, { validator: (_, v) => checkStrength(v) }]}
          extra="至少 8 位，包含字母、数字、符号中的至少两种；请提醒本人登录后修改"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="所属组织" name="orgId" rules={[{ required: true, message: '请选择所属组织' }]}>
          <OrgPicker current={defaultOrg} />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roleOptions} />
        </Form.Item>
        {role === 'member' && (
          <Form.Item
            label="对应党员"
            name="memberId"
            rules={[{ required: true, message: '党员账号须关联党员本人' }]}
          >
            <MemberPicker orgId={orgId} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface EditValues {
  role: Role;
  email?: string;
  disabled: boolean;
  password?: string;
}

export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: EditValues) => {
      const email = v.email?.trim() || null;
      return userApi.update(user.id, {
        role: v.role !== user.role ? v.role : undefined,
        email: email !== user.email ? email : undefined,
        disabled: v.disabled !== user.disabled ? v.disabled : undefined,
        password: v.password || undefined,
      });
    },
    success: '用户已更新',
    invalidate: [keys.users.all],
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`修改用户：${user.username}`}
      okText="保存"
      onOk={() => validated(form).then(submit)}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: user.role, email: user.email ?? undefined, disabled: user.disabled }}
      >
        <Form.Item label="角色" name="role">
          <Select options={roleOptions} />
        </Form.Item>
        {emailItem}
        <Form.Item label="停用账号" name="disabled" valuePropName="checked">
          <Switch checkedChildren="停用" unCheckedChildren="启用" />
        </Form.Item>
        <Form.Item
          label="重置密码"
          name="password"
          rules={[{ validator: (_, v) => checkStrength(v) }]}
          extra="不重置请留空；重置后该用户须用新密码登录"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
