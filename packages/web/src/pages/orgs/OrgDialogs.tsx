import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { orgApi } from '../../api/endpoints';
import type { OrgDetail, PostKind } from '../../api/types';
import { MemberPicker } from '../../components/MemberPicker';
import { OrgPicker } from '../../components/OrgPicker';
import { InlineError } from '../../components/QueryState';
import { postKindLabels } from '../../lib/labels';

export type OrgAction = 'move' | 'dissolve' | 'merge';

const actionText: Record<OrgAction, { title: string; field: string; hint: string; ok: string }> = {
  move: {
    title: '移动组织',
    field: '新的上级组织',
    hint: '组织连同其下级组织和党员一并移到新的上级组织下。',
    ok: '确认移动',
  },
  dissolve: {
    title: '撤销组织',
    field: '党员转入组织',
    hint: '撤销后该组织不再接收党员，现有党员全部转入所选组织。此操作记入审计日志。',
    ok: '确认撤销',
  },
  merge: {
    title: '合并组织',
    field: '合并到',
    hint: '该组织的下级组织和党员全部转入所选组织，本组织随后撤销。此操作记入审计日志。',
    ok: '确认合并',
  },
};

/** What the change does, said with both organizations' names before it is made (none can be undone). */
function consequence(action: OrgAction, org: OrgDetail, target: OrgDetail) {
  const kept = '审计日志会记录本次操作，系统不提供撤回。';
  switch (action) {
    case 'move':
      return {
        title: `确认将「${org.name}」移到「${target.name}」之下？`,
        content: `「${org.name}」连同其 ${org.childCount} 个下级组织和全部党员将从「${org.parentName ?? '顶层'}」移到「${target.name}」之下，由「${target.name}」及其上级管理。${kept}`,
      };
    case 'merge':
      return {
        title: `确认将「${org.name}」合并到「${target.name}」？`,
        content: `「${org.name}」的 ${org.childCount} 个下级组织、${org.memberCount} 名党员和本组织的用户账号将全部转入「${target.name}」；「${org.name}」随即撤销，职务记录一并删除，不能恢复。${kept}`,
      };
    case 'dissolve':
      return {
        title: `确认撤销「${org.name}」？`,
        content: `「${org.name}」的 ${org.memberCount} 名党员和本组织的用户账号将转入「${target.name}」；「${org.name}」随即撤销，职务记录一并删除，不能恢复。${kept}`,
      };
  }
}

/** Move, dissolve or merge: each needs one target organization, then a confirmation naming both. */
export function OrgTargetModal({
  org,
  action,
  onClose,
  onDone,
}: {
  org: OrgDetail;
  action: OrgAction;
  onClose: () => void;
  onDone: (org: OrgDetail) => void;
}) {
  const [target, setTarget] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { modal } = App.useApp();
  const text = actionText[action];
  const submit = async () => {
    if (!target) {
      setError(new Error(`请选择${text.field}`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const chosen = await orgApi.get(target);
      const said = consequence(action, org, chosen);
      const confirmed = await modal.confirm({
        title: said.title,
        content: <span data-testid="org-confirm">{said.content}</span>,
        okText: text.ok,
        okButtonProps: { danger: true },
        cancelText: '取消',
      });
      if (!confirmed) return;
      const run = { move: orgApi.move, dissolve: orgApi.dissolve, merge: orgApi.merge }[action];
      onDone(await run(org.id, target));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${text.title}：${org.name}`}
      okText="下一步"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <Alert
        type={action === 'move' ? 'info' : 'warning'}
        showIcon
        title={text.hint}
        style={{ marginBottom: 16 }}
      />
      <InlineError error={error} />
      <Form layout="vertical">
        <Form.Item label={text.field} required htmlFor="org-target">
          <OrgPicker id="org-target" value={target} onChange={setTarget} exclude={org.id} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

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
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    // A rejected validation is already shown on the fields.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      onDone(
        await orgApi.addPost(org.id, {
          memberId: v.memberId,
          kind: v.kind,
          startedOn: v.term[0].format('YYYY-MM-DD'),
          endsOn: v.term[1]?.format('YYYY-MM-DD') ?? null,
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`任命职务：${org.name}`}
      okText="任命"
      onOk={submit}
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
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const name = v.name?.trim();
      onDone(await orgApi.promote(org.id, name && name !== org.name ? name : undefined));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`组建流动党员党支部：${org.name}`}
      okText="组建党支部"
      onOk={submit}
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
