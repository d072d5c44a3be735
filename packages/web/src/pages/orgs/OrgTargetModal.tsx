import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { OrgDetail } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { OrgPicker } from '../../components/OrgPicker';
import { InlineError } from '../../components/QueryState';

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
  /** After the change is saved and the organization queries refetched. */
  onDone: (org: OrgDetail) => void;
}) {
  const [target, setTarget] = useState<string>();
  const [missing, setMissing] = useState(false);
  const { modal } = App.useApp();
  const text = actionText[action];
  const run = useFormMutation({
    mutate: (to: string) =>
      ({ move: orgApi.move, dissolve: orgApi.dissolve, merge: orgApi.merge })[action](org.id, to),
    success: { move: '组织已移动', merge: '组织已合并', dissolve: '组织已撤销' }[action],
    invalidate: [keys.orgs.all],
    onDone,
  });
  // 下一步 reads the chosen organization, so the confirmation can name it; confirmed, the change runs.
  const check = useFormMutation({
    mutate: (to: string) => orgApi.get(to),
    onDone: async (chosen, to) => {
      const said = consequence(action, org, chosen);
      const confirmed = await modal.confirm({
        title: said.title,
        content: <span data-testid="org-confirm">{said.content}</span>,
        okText: text.ok,
        okButtonProps: { danger: true },
        cancelText: '取消',
      });
      if (confirmed) run.submit(to);
    },
  });
  const next = () => {
    if (!target) {
      setMissing(true);
      return;
    }
    run.reset();
    check.submit(target);
  };
  const error = missing ? new Error(`请选择${text.field}`) : (check.error ?? run.error);
  return (
    <Modal
      open
      title={`${text.title}：${org.name}`}
      okText="下一步"
      onOk={next}
      confirmLoading={check.busy || run.busy}
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
          <OrgPicker
            id="org-target"
            value={target}
            onChange={(id) => {
              setTarget(id);
              setMissing(false);
            }}
            exclude={org.id}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
