import { Form, Input, Modal } from 'antd';
import { duesApi } from '../../../api/endpoints';
import type { DuesCycleMember } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { validated } from '../../../lib/forms';
import { monthLabel } from '../labels';
import { duesWrites } from '../shared';

/** 缓交: a member who cannot pay this month, with the reason the settlement records. */
export function DelayModal({
  orgId,
  month,
  member,
  onClose,
}: {
  orgId: string;
  month: string;
  member: DuesCycleMember;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const delay = useFormMutation({
    mutate: (v: { reason: string }) =>
      duesApi.delay({ orgId, month, memberId: member.memberId, reason: v.reason.trim() }),
    success: '已标记缓交',
    invalidate: duesWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`标记缓交：${member.memberName} ${monthLabel(month)}`}
      okText="标记缓交"
      confirmLoading={delay.busy}
      onOk={async () => delay.submit(await validated(form))}
      onCancel={onClose}
    >
      <InlineError error={delay.error} />
      <Form form={form} layout="vertical">
        <Form.Item
          label="原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder="如：外出务工，已联系，下月一并补交" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
