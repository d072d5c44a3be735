import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { mobilityApi } from '../../../api/endpoints';
import type { LostContactReason } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { formatTime } from '../../../lib/format';
import { validated } from '../../../lib/forms';
import { caseKindLabels, label, lostContactReasonLabels, optionsOf } from '../../../lib/labels';
import { mobilityWrites } from '../shared';
import { type Dialog, meetingText } from './shared';

type FlagValues = { since: Dayjs; reasonCode: LostContactReason };

export function FlagModal({ d, onClose }: { d: Extract<Dialog, { kind: 'flag' }>; onClose: () => void }) {
  const [form] = Form.useForm<FlagValues>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: FlagValues) => mobilityApi.flagLost(d.memberId, v.since.format('YYYY-MM'), v.reasonCode),
    success: `已将 ${d.name} 标记为失联党员`,
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`标记失联：${d.name}`}
      okText="标记为失联"
      okButtonProps={{ danger: true }}
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph type="secondary">
        失去联系的时间从最后一次参加组织生活、交纳党费或联系上的日期算起。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ since: dayjs(d.lastSeenOn), reasonCode: 'work_business' }}
      >
        <Form.Item label="失去联系起始月份" name="since" rules={[{ required: true, message: '请选择月份' }]}>
          <DatePicker
            picker="month"
            style={{ width: '100%' }}
            disabledDate={(x) => x.isAfter(dayjs(), 'month')}
          />
        </Form.Item>
        <Form.Item label="失联原因" name="reasonCode" rules={[{ required: true, message: '请选择失联原因' }]}>
          <Select options={optionsOf(lostContactReasonLabels)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DecideModal({ d, onClose }: { d: Extract<Dialog, { kind: 'decide' }>; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { note?: string }) => mobilityApi.decideCase(d.c.id, d.approve, v.note?.trim() || undefined),
    success: d.approve ? `已批准${caseKindLabels[d.c.kind]}` : '已作出不批准的决定',
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`${d.approve ? '批准' : '不批准'}：${d.c.memberName} ${caseKindLabels[d.c.kind]}`}
      okText={d.approve ? '批准' : '不批准'}
      okButtonProps={{ danger: d.approve && d.c.kind !== 'restore' }}
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph>
        {d.c.proposerOrgName ?? '系统管理员'}（{d.c.proposedBy ?? '—'}）于 {formatTime(d.c.proposedAt)}{' '}
        提出，党员所在组织：{d.c.orgName}
        {d.c.reasonCode ? `，原因：${label(lostContactReasonLabels, d.c.reasonCode)}` : ''}
        {d.c.note ? `。说明：${d.c.note}` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {meetingText(d.c.meeting)}；审批：{d.c.decidingOrgName ?? '上级党委'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item label="审批意见" name="note">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
