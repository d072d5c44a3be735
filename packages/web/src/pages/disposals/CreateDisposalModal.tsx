import { Form, Input, Modal, Select, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { disposalApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DisposalCreateInput, DisposalGround } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { MemberPicker } from '../../components/MemberPicker';
import { InlineError } from '../../components/QueryState';
import { validated } from '../../lib/forms';
import { optionsOf } from '../../lib/labels';
import { groundLabels } from './labels';

type Values = { memberId: string; ground: DisposalGround; cause?: string };

/**
 * A candidate added by hand, for the grounds whose areas do not raise them yet (积分, 评议, 限期改正期满, …);
 * the same member and ground open twice answers 409 DISPOSAL_EXISTS, shown beside the form.
 */
export function CreateDisposalModal({ orgId, onClose }: { orgId?: string; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: Values) => {
      const input: DisposalCreateInput = { memberId: v.memberId, ground: v.ground };
      const cause = v.cause?.trim();
      if (cause) input.cause = cause;
      return disposalApi.create(input);
    },
    success: '已列入处置名单',
    invalidate: [keys.disposals.all],
    onDone: (r) => {
      onClose();
      navigate(`/disposals/${r.id}`);
    },
  });
  return (
    <Modal
      open
      title="新增处置候选"
      okText="列入名单"
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph type="secondary">
        列入名单后由支委会按五步程序办理；连续六个月不参加组织生活、失去联系等事由由系统每日自动列入。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item label="党员" name="memberId" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberPicker orgId={orgId} />
        </Form.Item>
        <Form.Item label="事由" name="ground" rules={[{ required: true, message: '请选择事由' }]}>
          <Select options={optionsOf(groundLabels)} />
        </Form.Item>
        <Form.Item label="具体情况" name="cause">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
