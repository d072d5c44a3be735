import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { mobilityApi } from '../../../api/endpoints';
import type { Episode } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { validated } from '../../../lib/forms';
import { mobilityWrites } from '../shared';

export function ReturnModal({ episode, onClose }: { episode: Episode; onClose: () => void }) {
  const [form] = Form.useForm<{ returnedOn: Dayjs; note?: string }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { returnedOn: Dayjs; note?: string }) =>
      mobilityApi.returnOutflow(episode.id, v.returnedOn.format('YYYY-MM-DD'), v.note?.trim() || undefined),
    success: `已登记 ${episode.memberName} 返回`,
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`登记返回：${episode.memberName}`}
      okText="登记返回"
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph type="secondary">
        登记返回后本次外出结束，已开具的活动证/证明信随之失效，不再产生联系、汇报等应办事项。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ returnedOn: dayjs() }}>
        <Form.Item label="返回日期" name="returnedOn" rules={[{ required: true, message: '请选择返回日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) =>
              d.isAfter(dayjs(), 'day') ||
              (episode.leftOn !== null && d.isBefore(dayjs(episode.leftOn), 'day'))
            }
          />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：返乡务农，组织关系不变" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RevokeModal({
  letterId,
  title,
  onClose,
}: {
  letterId: string;
  title: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { reason: string }) => mobilityApi.revokeLetter(letterId, v.reason.trim()),
    success: '证明已作废，核验时将显示“已作废”',
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`作废${title}`}
      okText="确认作废"
      okButtonProps={{ danger: true }}
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Form form={form} layout="vertical">
        <Form.Item
          label="作废原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写作废原因' }]}
        >
          <Input maxLength={200} placeholder="如：信息填写有误" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
