import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { mobilityApi } from '../../../api/endpoints';
import type { MeetingBody, StandingCaseKind } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { validated } from '../../../lib/forms';
import { caseKindLabels, lostContactReasonLabels, optionsOf } from '../../../lib/labels';
import { mobilityWrites } from '../shared';
import { type Dialog, meetingBodyLabels } from './shared';

const caseHints: Record<StandingCaseKind, string> = {
  stop: '失去联系满规定期限（默认 6 个月）、经多方查找仍无法取得联系的，由党支部提出、党委审批停止党籍；出国（境）定居的也可停止党籍。',
  lapse: '停止党籍满规定年限（默认 2 年）仍无法取得联系的，按自行脱党予以除名，须党委审批。',
  restore: '已恢复联系的，由党支部提出、党委审批恢复党籍并取消失联标记。',
};

type ProposeValues = {
  reasonCode?: string;
  note?: string;
  meetingOn: Dayjs;
  meetingBody: MeetingBody;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
};

/** The branch's proposal of a step on standing, with its meeting and vote (RULES.md §2: the branch decides). */
export function ProposeModal({
  d,
  onClose,
}: {
  d: Extract<Dialog, { kind: 'propose' }>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ProposeValues>();
  const abroad = d.abroadYears !== undefined;
  const { busy, error, submit } = useFormMutation({
    mutate: (v: ProposeValues) =>
      mobilityApi.proposeCase(d.member.id, {
        kind: d.caseKind,
        reasonCode: d.caseKind === 'stop' ? v.reasonCode : undefined,
        note: v.note?.trim() || undefined,
        meeting: {
          on: v.meetingOn.format('YYYY-MM-DD'),
          body: v.meetingBody,
          votesFor: v.votesFor,
          votesAgainst: v.votesAgainst,
          votesAbstain: v.votesAbstain,
        },
      }),
    success: `已提出${caseKindLabels[d.caseKind]}，待党委审批`,
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`提出${caseKindLabels[d.caseKind]}：${d.member.name}`}
      okText="提交党委审批"
      okButtonProps={{ danger: d.caseKind !== 'restore' }}
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Alert
        type="info"
        showIcon
        title={
          abroad
            ? `出国（境）学习研究超过 ${d.abroadYears} 年未归的，一般停止党籍，由党支部提出、党委审批。`
            : caseHints[d.caseKind]
        }
        style={{ marginBottom: 16 }}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          reasonCode: abroad ? 'abroad' : (d.member.lostContactReason ?? 'work_business'),
          meetingBody: 'branch_general_meeting',
          votesAgainst: 0,
          votesAbstain: 0,
        }}
      >
        <Typography.Text strong>党支部的决定</Typography.Text>
        <Space wrap align="start" style={{ width: '100%', marginTop: 8 }}>
          <Form.Item
            label="会议日期"
            name="meetingOn"
            rules={[{ required: true, message: '请选择支部会议日期' }]}
          >
            <DatePicker disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="会议" name="meetingBody" rules={[{ required: true, message: '请选择会议' }]}>
            <Select style={{ width: 140 }} options={optionsOf(meetingBodyLabels)} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label="赞成" name="votesFor" rules={[{ required: true, message: '请填写赞成票数' }]}>
            <InputNumber min={0} precision={0} addonAfter="票" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="反对" name="votesAgainst" rules={[{ required: true, message: '请填写反对票数' }]}>
            <InputNumber min={0} precision={0} addonAfter="票" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="弃权" name="votesAbstain" rules={[{ required: true, message: '请填写弃权票数' }]}>
            <InputNumber min={0} precision={0} addonAfter="票" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        {d.caseKind === 'stop' && (
          <Form.Item label="原因" name="reasonCode" rules={[{ required: true, message: '请选择原因' }]}>
            <Select options={optionsOf(lostContactReasonLabels)} disabled={abroad} />
          </Form.Item>
        )}
        <Form.Item label="情况说明" name="note">
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={
              abroad ? '如：出国留学逾期未归，已与本人联系确认' : '如：多次电话、走访家属均未能取得联系'
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
