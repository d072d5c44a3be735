import { Alert, DatePicker, Empty, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { EffectivePolicy } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { policyKindLabels } from '../../lib/labels';
import { DiffTable } from './DiffTable';
import { type Doc, diff, mergeDoc, overrideOf } from './policy-doc';

function parseJson(text: string): { doc?: Doc; error?: string } {
  if (!text.trim()) return { doc: {} };
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return { error: '覆盖内容应为一个 JSON 对象 { … }' };
    return { doc: v as Doc };
  } catch (err) {
    return { error: `JSON 格式有误：${err instanceof Error ? err.message : ''}` };
  }
}

export function OverrideModal({
  orgId,
  policy,
  onClose,
}: {
  orgId: string;
  policy: EffectivePolicy;
  onClose: () => void;
}) {
  const [text, setText] = useState(() =>
    JSON.stringify(overrideOf(policy.inherited, policy.document), null, 2),
  );
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [showAll, setShowAll] = useState(false);
  const parsed = useMemo(() => parseJson(text), [text]);
  const preview = useMemo(
    () => (parsed.doc ? diff(policy.inherited, mergeDoc(policy.inherited, parsed.doc)) : []),
    [parsed.doc, policy.inherited],
  );

  const save = useFormMutation({
    mutate: (v: { from: string; doc: Doc }) => orgApi.overridePolicy(orgId, policy.kind, v.from, v.doc),
    success: (_, v) => `已保存，自 ${v.from} 起在本组织及下级生效`,
    invalidate: [keys.policies.ofOrg(orgId)],
    onDone: onClose,
  });
  const error = save.error;

  const reason =
    error instanceof ApiError
      ? ((error.details as { reason?: string; issues?: { message: string }[] } | undefined)?.issues
          ?.map((i) => i.message)
          .join('；') ?? (error.details as { reason?: string } | undefined)?.reason)
      : undefined;

  return (
    <Modal
      open
      width={900}
      title={`调整本级政策：${policyKindLabels[policy.kind]}`}
      okText="保存并生效"
      okButtonProps={{ disabled: !parsed.doc || !from }}
      confirmLoading={save.busy}
      onOk={() => parsed.doc && from && save.submit({ from: from.format('YYYY-MM-DD'), doc: parsed.doc })}
      onCancel={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="只填写需要与上级不同的项目；未填写的项目继续沿用上级政策。数组（如缴费分档）整体替换。"
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(error)}
          description={reason}
        />
      ) : null}
      <Form layout="vertical">
        <Form.Item label="生效日期" required>
          <DatePicker value={from} onChange={setFrom} allowClear={false} />
        </Form.Item>
        <Form.Item
          label="本级覆盖内容（JSON）"
          validateStatus={parsed.error ? 'error' : undefined}
          help={parsed.error}
        >
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 6, maxRows: 14 }}
            style={{ fontFamily: 'monospace' }}
            spellCheck={false}
            aria-label="覆盖内容"
          />
        </Form.Item>
      </Form>
      <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          与上级政策对比
        </Typography.Title>
        <Switch
          checked={showAll}
          onChange={setShowAll}
          checkedChildren="显示全部项目"
          unCheckedChildren="只看调整项"
        />
      </Space>
      {preview.some((r) => r.changed) || showAll ? (
        <DiffTable
          rows={showAll ? preview : preview.filter((r) => r.changed)}
          beforeTitle="上级（继承）"
          afterTitle="调整后"
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="与上级政策相同，尚未调整任何项目" />
      )}
    </Modal>
  );
}
