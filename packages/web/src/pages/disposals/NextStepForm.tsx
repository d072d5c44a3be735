import { disposalDecisions } from '@dangjian/core';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { disposalApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DisposalDecision, DisposalDetail, DisposalStepInput } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { InlineError } from '../../components/QueryState';
import { validated } from '../../lib/forms';
import { decisionLabels } from './labels';

type Values = {
  on: Dayjs;
  body: string;
  for?: number;
  against?: number;
  abstain?: number;
  due?: number;
  decision?: DisposalDecision;
  note?: string;
};

/** Who usually acts at each step (RULES.md §6 procedure); the approver of steps 3 and 5 comes from the server. */
const usualBody = (step: number, approver: string | null) =>
  step === 4 ? '党支部党员大会' : step === 3 || step === 5 ? (approver ?? '') : '党支部委员会';

const decisionOptions = disposalDecisions.map((value) => ({ value, label: decisionLabels[value] }));

const count = (label: string, name: keyof Values) => (
  <Form.Item label={label} name={name} rules={[{ required: true, message: `请填写${label}` }]}>
    <InputNumber min={0} max={100000} precision={0} style={{ width: 110 }} />
  </Form.Item>
);

function toInput(step: number, v: Values): DisposalStepInput {
  const input: DisposalStepInput = { step, on: v.on.format('YYYY-MM-DD'), body: v.body.trim() };
  if (step === 4) {
    input.vote = { for: v.for ?? 0, against: v.against ?? 0, abstain: v.abstain ?? 0, due: v.due ?? 0 };
  }
  if ((step === 2 || step === 5) && v.decision) input.decision = v.decision;
  const note = v.note?.trim();
  if (note) input.note = note;
  return input;
}

/**
 * The next step's record: date, body, the investigation's proposal at step 2 (which names the approver of
 * steps 3 and 5, RULES.md §6 L384), the assembly's vote at step 4, the decision at step 5.
 */
export function NextStepForm({ d }: { d: DisposalDetail }) {
  const next = d.next!;
  const [form] = Form.useForm<Values>();
  const ability = d.abilities.step;
  const { busy, error, submit } = useFormMutation({
    mutate: (v: Values) => disposalApi.recordStep(d.id, toInput(next.step, v)),
    success: (r) =>
      r.passed === false ? '表决未通过，处置程序终止' : `已登记第 ${r.step} 步（${next.name}）`,
    invalidate: [keys.disposals.all],
    onDone: () => form.resetFields(),
  });
  return (
    <Card title={`登记第 ${next.step} 步：${next.name}`} data-testid="next-step">
      {!ability.allowed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={ability.reason ?? '您不能登记这一步'}
        />
      )}
      {next.approver && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`审批机关：${next.approver}`} />
      )}
      <InlineError error={error} />
      <Form
        key={next.step}
        form={form}
        layout="vertical"
        disabled={!ability.allowed}
        initialValues={{ on: dayjs(), body: usualBody(next.step, next.approver) }}
        style={{ maxWidth: 640 }}
      >
        <Form.Item label="日期" name="on" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="办理机关（会议）"
          name="body"
          rules={[{ required: true, message: '请填写办理机关' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {next.step === 4 && (
          <Space wrap size={16}>
            {count('应到人数', 'due')}
            {count('赞成', 'for')}
            {count('反对', 'against')}
            {count('弃权', 'abstain')}
          </Space>
        )}
        {next.step === 2 && (
          <Form.Item
            label="处理建议"
            name="decision"
            extra="调查核实后提出的处理意见，决定上级预审和审批的机关"
          >
            <Select allowClear style={{ maxWidth: 240 }} options={decisionOptions} />
          </Form.Item>
        )}
        {next.step === 5 && (
          <Form.Item label="处置决定" name="decision" rules={[{ required: true, message: '请选择处置决定' }]}>
            <Select style={{ maxWidth: 240 }} options={decisionOptions} />
          </Form.Item>
        )}
        <Form.Item label="情况说明" name="note">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={async () => submit(await validated(form))}>
          登记
        </Button>
      </Form>
    </Card>
  );
}
