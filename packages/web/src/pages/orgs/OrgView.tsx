import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { OrgDetail } from '../../api/types';
import { useSelectedOrg } from '../../console/selected-org';
import { AddPostModal, PromoteGroupModal } from './OrgDialogs';
import { OrgFormModal } from './OrgFormModal';
import { Children } from './OrgTable';
import { type OrgAction, OrgTargetModal } from './OrgTargetModal';
import { PostsCard } from './PostsCard';

type Dialog = { kind: 'create' | 'edit' | 'post' | 'promote' } | { kind: OrgAction } | null;

/** Every action shown is one the server says this caller may take now (`org.abilities`). */
export function OrgView({ org }: { org: OrgDetail }) {
  const { refreshTree, select, org: selected } = useSelectedOrg();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const may = org.abilities;

  useEffect(() => {
    if (selected?.id !== org.id) select({ id: org.id, name: org.name });
  }, [org.id, org.name, selected?.id, select]);

  // Each dialog says what it did and refetches the organization queries; then the tree follows.
  const saved = (next: OrgDetail) => {
    setDialog(null);
    refreshTree();
    if (next.id !== org.id) navigate(`/orgs/${next.id}`);
  };

  const term =
    org.termStartedOn || org.termEndsOn
      ? `${org.termStartedOn ?? '—'} 至 ${org.termEndsOn ?? '—'}`
      : '未设置';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span data-testid="org-title">{org.name}</span>
            <Tag color="red">{org.typeLabel}</Tag>
            {org.dissolved && <Tag>已撤销</Tag>}
          </Space>
        }
        extra={
          <Space wrap data-testid="org-actions">
            {may.createChild && (
              <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
                新建下级组织
              </Button>
            )}
            {may.promote && (
              <Button onClick={() => setDialog({ kind: 'promote' })}>组建为流动党员党支部</Button>
            )}
            {may.edit && <Button onClick={() => setDialog({ kind: 'edit' })}>编辑</Button>}
            {may.move && <Button onClick={() => setDialog({ kind: 'move' })}>移动</Button>}
            {may.merge && <Button onClick={() => setDialog({ kind: 'merge' })}>合并</Button>}
            {may.dissolve && (
              <Button danger onClick={() => setDialog({ kind: 'dissolve' })}>
                撤销
              </Button>
            )}
          </Space>
        }
      >
        {org.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="组织设置提示"
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="org-warnings">
                {org.warnings.map((w) => (
                  <li key={w.code}>{w.message}</li>
                ))}
              </ul>
            }
          />
        )}
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'type', label: '组织类别', children: org.typeLabel },
            {
              key: 'parent',
              label: '上级组织',
              // The server names the parent only inside the caller's scope (not for their own organization).
              children: org.parentName ? (
                <Link to={`/orgs/${org.parentId}`}>{org.parentName}</Link>
              ) : org.parentId ? (
                '上级党组织（不在本账号管理范围内）'
              ) : (
                '无（顶层）'
              ),
            },
            { key: 'region', label: '所在地区', children: org.regionName ?? '未设置' },
            ...(org.type === 'joint_branch'
              ? [{ key: 'units', label: '联合单位数', children: org.units ?? '未设置' }]
              : []),
            { key: 'term', label: '本届任期', children: term },
            { key: 'children', label: '下级组织', children: `${org.childCount} 个` },
            {
              key: 'members',
              label: '党员人数',
              children: (
                <Link to="/members">
                  {org.memberCount} 名（正式党员 {org.fullMemberCount} 名）
                </Link>
              ),
            },
          ]}
        />
      </Card>

      <PostsCard org={org} onAppoint={() => setDialog({ kind: 'post' })} />

      <Card title="下级组织">
        <Children id={org.id} />
      </Card>

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <OrgFormModal
          open
          org={dialog.kind === 'edit' ? org : undefined}
          parent={dialog.kind === 'create' ? org : undefined}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {(dialog?.kind === 'move' || dialog?.kind === 'merge' || dialog?.kind === 'dissolve') && (
        <OrgTargetModal org={org} action={dialog.kind} onClose={() => setDialog(null)} onDone={saved} />
      )}
      {dialog?.kind === 'promote' && (
        <PromoteGroupModal org={org} onClose={() => setDialog(null)} onDone={saved} />
      )}
      {dialog?.kind === 'post' && <AddPostModal org={org} onClose={() => setDialog(null)} onDone={saved} />}
    </Space>
  );
}
