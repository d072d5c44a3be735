import { DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { mobilityApi } from '../../../api/endpoints';
import type { LifeRecord, ReviewResult } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { validated } from '../../../lib/forms';
import { lifeModeLabels, optionsOf, reviewResultLabels } from '../../../lib/labels';
import { mobilityWrites } from '../shared';

interface LifeValues {
  heldOn: Dayjs;
  mode: LifeRecord['mode'];
  topic?: string;
}

export function LifeModal({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const [form] = Form.useForm<LifeValues>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: LifeValues) =>
      mobilityApi.recordLife(memberId, {
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        mode: v.mode,
        topic: v.topic?.trim() || undefined,
      }),
    success: '已登记参加组织生活',
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title="登记参加组织生活"
      okText="保存"
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Form form={form} layout="vertical" initialValues={{ heldOn: dayjs(), mode: 'online' }}>
        <Form.Item label="日期" name="heldOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="参加方式" name="mode">
          <Radio.Group optionType="button" options={optionsOf(lifeModeLabels)} />
        </Form.Item>
        <Form.Item label="主题" name="topic">
          <Input maxLength={200} placeholder="如：主题党日——学习党章" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReviewValues {
  year: number;
  result: ReviewResult;
  note?: string;
}

export function ReviewModal({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const [form] = Form.useForm<ReviewValues>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: ReviewValues) =>
      mobilityApi.recordReview(memberId, { ...v, note: v.note?.trim() || undefined }),
    success: '已登记年度评议',
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title="登记年度评议（民主评议党员）"
      okText="保存"
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Form form={form} layout="vertical" initialValues={{ year: dayjs().year(), result: 'qualified' }}>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="评议结果" name="result" rules={[{ required: true, message: '请选择评议结果' }]}>
          <Radio.Group optionType="button" options={optionsOf(reviewResultLabels)} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：由流入地党组织参与评议" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
