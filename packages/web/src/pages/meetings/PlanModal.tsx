import { type ButtonProps, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { meetingsApi } from '../../api/endpoints';
import type { MeetingType } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { InlineError } from '../../components/QueryState';
import type { OrgRef } from '../../console/selected-org';
import { validated } from '../../lib/forms';
import { meetingTypeLabels, meetingTypeList } from '../../lib/meeting-labels';
import { meetingWrites } from './shared';

export const meetingTypeOptions = meetingTypeList.map((value) => ({
  value,
  label: meetingTypeLabels[value],
}));

interface PlanValues {
  type: MeetingType;
  plannedOn: Dayjs;
  topic: string;
  place?: string;
  notify: boolean;
}

/** 计划会议: put a meeting in the branch's calendar ahead and, if asked, tell the members who are due. */
export function PlanModal({
  org,
  plannedOn,
  onClose,
}: {
  org: OrgRef;
  plannedOn: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<PlanValues>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: PlanValues) =>
      meetingsApi.plan({
        orgId: org.id,
        type: v.type,
        plannedOn: v.plannedOn.format('YYYY-MM-DD'),
        topic: v.topic.trim(),
        place: v.place?.trim() || undefined,
        notify: v.notify,
      }),
    success: (r) => (r.notified > 0 ? `已计划会议，已通知 ${r.notified} 名党员` : '已计划会议'),
    invalidate: meetingWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`计划会议 · ${org.name}`}
      okText="保存"
      onOk={async () => submit(await validated(form))}
      okButtonProps={{ 'data-testid': 'plan-submit' } as ButtonProps}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: 'theme_day', plannedOn: dayjs(plannedOn), notify: true }}
        data-testid="plan-form"
      >
        <Form.Item label="会议类型" name="type" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select options={meetingTypeOptions} />
        </Form.Item>
        <Form.Item label="计划日期" name="plannedOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="主题"
          name="topic"
          rules={[{ required: true, whitespace: true, message: '请填写会议主题' }]}
        >
          <Input maxLength={200} placeholder="如：学习贯彻党的二十届三中全会精神" />
        </Form.Item>
        <Form.Item label="地点" name="place">
          <Input maxLength={200} placeholder="如：村党群服务中心会议室" />
        </Form.Item>
        <Form.Item name="notify" valuePropName="checked">
          <Checkbox>通知参会党员（站内消息和短信）</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
