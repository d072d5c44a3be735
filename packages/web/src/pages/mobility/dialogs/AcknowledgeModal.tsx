import { Form, Input, Modal, Typography } from 'antd';
import { mobilityApi } from '../../../api/endpoints';
import type { ThoughtReport } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { formatTime, periodLabel } from '../../../lib/format';
import { validated } from '../../../lib/forms';
import { mobilityWrites } from '../shared';

export function AcknowledgeModal({ report, onClose }: { report: ThoughtReport; onClose: () => void }) {
  const [form] = Form.useForm<{ reply?: string }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { reply?: string }) => mobilityApi.acknowledgeReport(report.id, v.reply?.trim() || undefined),
    success: '已阅知，党员可在手机上看到回复',
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`阅知思想汇报：${report.memberName ?? ''} ${periodLabel(report.month)}`}
      okText="阅知"
      onOk={async () => submit(await validated(form))}
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
