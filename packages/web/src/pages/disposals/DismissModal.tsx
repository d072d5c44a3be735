import { Form, Input, Modal, Typography } from 'antd';
import { disposalApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DisposalDetail } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { InlineError } from '../../components/QueryState';
import { validated } from '../../lib/forms';

/** 撤销: the member corrected after criticism and education, or the ground no longer holds (before step 5). */
export function DismissModal({ d, onClose }: { d: DisposalDetail; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { reason: string }) => disposalApi.dismiss(d.id, v.reason.trim()),
    success: '已撤销该处置',
    invalidate: [keys.disposals.all],
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`撤销处置：${d.name}`}
      okText="撤销"
      okButtonProps={{ danger: true }}
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph type="secondary">
        撤销后该党员移出处置名单，撤销原因记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          label="撤销原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
