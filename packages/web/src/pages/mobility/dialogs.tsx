import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { mobilityApi } from '../../api/endpoints';
import type { Episode, LifeRecord, OutflowReason, ReviewResult, ThoughtReport } from '../../api/types';
import { InlineError } from '../../components/QueryState';
import { formatTime, periodLabel } from '../../lib/format';
import { lifeModeLabels, optionsOf, outflowReasonLabels, reviewResultLabels } from '../../lib/labels';

/** Shared plumbing of the small forms here: validate, call, report, refresh the mobility queries. */
export function useSubmit<V>(run: (v: V) => Promise<unknown>, done: string, onDone: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (v: V | null) => {
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await run(v);
      message.success(done);
      void qc.invalidateQueries({ queryKey: ['mobility'] });
      void qc.invalidateQueries({ queryKey: ['member'] });
      void qc.invalidateQueries({ queryKey: ['members'] });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

export function AcknowledgeModal({ report, onClose }: { report: ThoughtReport; onClose: () => void }) {
  const [form] = Form.useForm<{ reply?: string }>();
  const { busy, error, submit } = useSubmit(
    (v: { reply?: string }) => mobilityApi.acknowledgeReport(report.id, v.reply?.trim() || undefined),
    '已阅知，党员可在手机上看到回复',
    onClose,
  );
  return (
    <Modal
      open
      title={`阅知思想汇报：${report.memberName ?? ''} ${periodLabel(report.month)}`}
      okText="阅知"
      onOk={async () => submit(await form.validateFields().catch(() => null))}
      confirmLoading={busy}
      onCancel={onClose}
      width={640}
    >
      <InlineError error={error} />
      <Typography.Paragraph type="secondary">提交于 {formatTime(report.submittedAt)}</Typography.Paragraph>
      <div
        style={{
          whiteSpace: 'pre-wrap',
          background: '#fafafa',
          padding: 12,
          borderRadius: 6,
          maxHeight: 260,
          overflow: 'auto',
          marginBottom: 16,
        }}
      >
        {report.content}
      </div>
      <Form form={form} layout="vertical">
        <Form.Item label="回复（可不填）" name="reply">
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder="如：汇报收悉，望继续加强学习，按时参加线上组织生活。"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReturnModal({ episode, onClose }: { episode: Episode; onClose: () => void }) {
  const [form] = Form.useForm<{ returnedOn: Dayjs; note?: string }>();
  const { busy, error, submit } = useSubmit(
    (v: { returnedOn: Dayjs; note?: string }) =>
      mobilityApi.returnOutflow(episode.id, v.returnedOn.format('YYYY-MM-DD'), v.note?.trim() || undefined),
    `已登记 ${episode.memberName} 返回`,
    onClose,
  );
  return (
    <Modal
      open
      title={`登记返回：${episode.memberName}`}
      okText="登记返回"
      onOk={async () => submit(await form.validateFields().catch(() => null))}
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
  const { busy, error, submit } = useSubmit(
    (v: { reason: string }) => mobilityApi.revokeLetter(letterId, v.reason.trim()),
    '证明已作废，核验时将显示“已作废”',
    onClose,
  );
  return (
    <Modal
      open
      title={`作废${title}`}
      okText="确认作废"
      okButtonProps={{ danger: true }}
      onOk={async () => submit(await form.validateFields().catch(() => null))}
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

export function LifeModal({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ heldOn: Dayjs; mode: LifeRecord['mode']; topic?: string }>();
  const { busy, error, submit } = useSubmit(
    (v: { heldOn: Dayjs; mode: LifeRecord['mode']; topic?: string }) =>
      mobilityApi.recordLife(memberId, {
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        mode: v.mode,
        topic: v.topic?.trim() || undefined,
      }),
    '已登记参加组织生活',
    onClose,
  );
  return (
    <Modal
      open
      title="登记参加组织生活"
      okText="保存"
      onOk={async () => submit(await form.validateFields().catch(() => null))}
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

export function ReviewModal({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ year: number; result: ReviewResult; note?: string }>();
  const { busy, error, submit } = useSubmit(
    (v: { year: number; result: ReviewResult; note?: string }) =>
      mobilityApi.recordReview(memberId, { ...v, note: v.note?.trim() || undefined }),
    '已登记年度评议',
    onClose,
  );
  return (
    <Modal
      open
      title="登记年度评议（民主评议党员）"
      okText="保存"
      onOk={async () => submit(await form.validateFields().catch(() => null))}
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

interface OutflowEditValues {
  leftOn?: Dayjs;
  expectedMonths?: number;
  reason?: OutflowReason;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  relationshipCanMove: boolean;
  expectedReturnOn?: Dayjs | null;
  inflowOrgName?: string;
}

/**
 * 补全外出登记: an episode the register opened (是否为流动党员 on the 采集表 or the member form) lacks
 * the departure, the stay and the reason; once they are given the server decides the document
 * (RULES.md §2). Also corrects a registered outflow.
 */
export function CompleteOutflowModal({
  episode,
  onClose,
}: {
  episode: Pick<
    Episode,
    | 'id'
    | 'memberName'
    | 'leftOn'
    | 'expectedMonths'
    | 'reason'
    | 'destinationName'
    | 'needsCompletion'
    | 'expectedReturnOn'
    | 'inflowOrgName'
  > &
    Partial<Pick<Episode, 'fixedPlace' | 'hostHasPartyOrg' | 'relationshipCanMove'>>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<OutflowEditValues>();
  const fixedPlace = Form.useWatch('fixedPlace', form);
  const { busy, error, submit } = useSubmit(
    (v: OutflowEditValues) =>
      mobilityApi.updateOutflow(episode.id, {
        leftOn: v.leftOn?.format('YYYY-MM-DD'),
        expectedMonths: v.expectedMonths,
        reason: v.reason,
        fixedPlace: v.fixedPlace,
        hostHasPartyOrg: v.fixedPlace && v.hostHasPartyOrg,
        relationshipCanMove: v.relationshipCanMove,
        expectedReturnOn: v.expectedReturnOn ? v.expectedReturnOn.format('YYYY-MM-DD') : null,
        ...(v.inflowOrgName?.trim() ? { inflowOrgName: v.inflowOrgName.trim() } : {}),
      }),
    `已${episode.needsCompletion ? '补全' : '修改'} ${episode.memberName} 的外出登记`,
    onClose,
  );
  return (
    <Modal
      open
      title={`${episode.needsCompletion ? '补全' : '修改'}外出登记：${episode.memberName}`}
      okText="保存"
      onOk={async () => submit(await form.validateFields().catch(() => null))}
      confirmLoading={busy}
      onCancel={onClose}
      width={620}
    >
      <InlineError error={error} />
      {episode.needsCompletion && (
        <Typography.Paragraph type="secondary">
          该党员在登记表中标记为流动党员（外出流向：{episode.destinationName ?? '未填'}
          ），但没有外出日期和预计外出时间。补全后按规定确定须开具的证明，并记入外出党员登记簿。
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          leftOn: episode.leftOn ? dayjs(episode.leftOn) : undefined,
          expectedMonths: episode.expectedMonths ?? undefined,
          reason: episode.reason ?? undefined,
          fixedPlace: episode.fixedPlace ?? true,
          hostHasPartyOrg: episode.hostHasPartyOrg ?? false,
          relationshipCanMove: episode.relationshipCanMove ?? true,
          expectedReturnOn: episode.expectedReturnOn ? dayjs(episode.expectedReturnOn) : null,
          inflowOrgName: episode.inflowOrgName ?? undefined,
        }}
      >
        <Form.Item label="外出日期" name="leftOn" rules={[{ required: true, message: '请选择外出日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="预计外出时间"
          name="expectedMonths"
          rules={[{ required: true, message: '请填写预计外出几个月' }]}
        >
          <InputNumber min={0} max={600} precision={0} suffix="个月" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="外出原因" name="reason" rules={[{ required: true, message: '请选择外出原因' }]}>
          <Radio.Group optionType="button" options={optionsOf(outflowReasonLabels)} />
        </Form.Item>
        <Form.Item label="有固定的工作或居住地点" name="fixedPlace" valuePropName="checked">
          <Switch checkedChildren="固定" unCheckedChildren="不固定" />
        </Form.Item>
        <Form.Item label="所去单位建有党组织" name="hostHasPartyOrg" valuePropName="checked">
          <Switch checkedChildren="有" unCheckedChildren="没有" disabled={fixedPlace === false} />
        </Form.Item>
        <Form.Item
          label="组织关系可以转移"
          name="relationshipCanMove"
          valuePropName="checked"
          extra="外出 6 个月以上且地点固定，但组织关系暂无法转移的请关闭：使用流动党员活动证（篇三 县制度 二）"
        >
          <Switch checkedChildren="可以" unCheckedChildren="暂不能" disabled={fixedPlace === false} />
        </Form.Item>
        <Form.Item label="流入党组织" name="inflowOrgName" extra="已知时填写接收其参加组织生活的党组织名称">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="预计返回日期" name="expectedReturnOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
