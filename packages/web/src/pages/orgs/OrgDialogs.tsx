import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { OrgDetail, PostKind } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { MemberPicker } from '../../components/MemberPicker';
import { InlineError } from '../../components/QueryState';
import { validated } from '../../lib/forms';
import { postKindLabels } from '../../lib/labels';

interface PostValues {
  memberId: string;
  kind: PostKind;
  term: [Dayjs, Dayjs | null];
}

export function AddPostModal({
  org,
  onClose,
  onDone,
}: {
  org: OrgDetail;
  onClose: () => void;
  onDone: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<PostValues>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: PostValues) =>
      orgApi.addPost(org.id, {
        memberId: v.memberId,
        kind: v.kind,
        startedOn: v.term[0].format('YYYY-MM-DD'),
        endsOn: v.term[1]?.format('YYYY-MM-DD') ?? null,
      }),
    success: '职务已任命',
    invalidate: [keys.orgs.all],
    onDone,
  });
  return (
    <Modal
      open
      title={`任命职务：${org.name}`}
      okText="任命"
      onOk={() => validated(form).then(submit)}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Form form={form} layout="vertical" initialValues={{ kind: 'secretary' }}>
        <Form.Item label="党员" name="memberId" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberPicker orgId={org.id} />
        </Form.Item>
        <Form.Item label="职务" name="kind" rules={[{ required: true, message: '请选择职务' }]}>
          <Select
            options={(Object.keys(postKindLabels) as PostKind[]).map((k) => ({
              value: k,
              label: postKindLabels[k],
            }))}
          />
        </Form.Item>
        <Form.Item
          label="任职期间"
          name="term"
          rules={[
            {
              validator: (_, v: PostValues['term'] | undefined) =>
                v?.[0] ? Promise.resolve() : Promise.reject(new Error('请选择任职开始日期')),
            },
          ]}
        >
          <DatePicker.RangePicker
            allowEmpty={[false, true]}
            style={{ width: '100%' }}
            placeholder={['开始日期', '届满日期']}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 篇七: an online 党小组 with enough full members becomes a 流动党员党支部 beside its former branch. */
export function PromoteGroupModal({
  org,
  onClose,
  onDone,
}: {
  org: OrgDetail;
  onClose: () => void;
  onDone: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<{ name: string }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { name: string }) => {
      const name = v.name?.trim();
      return orgApi.promote(org.id, name && name !== org.name ? name : undefined);
    },
    success: (next) => `已组建为“${next.name}”（${next.typeLabel}）`,
    invalidate: [keys.orgs.all],
    onDone,
  });
  return (
    <Modal
      open
      title={`组建流动党员党支部：${org.name}`}
      okText="组建党支部"
      onOk={() => validated(form).then(submit)}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`党小组正式党员达到成立党支部的人数（默认 3 人，以组织设置政策为准）即可组建为流动党员党支部，与原党支部同级，小组成员随之转入。现有正式党员 ${org.fullMemberCount} 名。`}
      />
      <InlineError error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: org.name.replace(/党小组$|小组$/, '党支部') }}
      >
        <Form.Item
          label="党支部名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请输入党支部名称' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
