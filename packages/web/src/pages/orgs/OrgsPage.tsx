import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { orgApi } from '../../api/endpoints';
import type { Org, OrgDetail } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { postKindLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { AddPostModal, type OrgAction, OrgTargetModal, PromoteGroupModal } from './OrgDialogs';
import { OrgFormModal } from './OrgFormModal';

type Dialog = { kind: 'create' | 'edit' | 'post' | 'promote' } | { kind: OrgAction } | null;

function OrgTable({ items, loading }: { items: Org[]; loading?: boolean }) {
  return (
    <Table<Org>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级组织" /> }}
      columns={[
        {
          title: '组织名称',
          dataIndex: 'name',
          render: (name, o) => <Link to={`/orgs/${o.id}`}>{name}</Link>,
        },
        { title: '类别', dataIndex: 'typeLabel', width: 140 },
        { title: '所在地区', dataIndex: 'regionName', width: 200, render: (v) => v ?? '—' },
        { title: '党员数', dataIndex: 'memberCount', width: 90, align: 'right' },
        {
          title: '状态',
          dataIndex: 'dissolved',
          width: 90,
          render: (d: boolean) => (d ? <Tag>已撤销</Tag> : <Tag color="green">正常</Tag>),
        },
      ]}
    />
  );
}

function Children({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['org', id, 'children'], queryFn: () => orgApi.children(id) });
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  return <OrgTable items={q.data?.items ?? []} loading={q.isLoading} />;
}

/** Every action shown is one the server says this caller may take now (`org.abilities`). */
function OrgView({ org }: { org: OrgDetail }) {
  const qc = useQueryClient();
  const { refreshTree, select, org: selected } = useSelectedOrg();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const may = org.abilities;

  useEffect(() => {
    if (selected?.id !== org.id) select({ id: org.id, name: org.name });
  }, [org.id, org.name, selected?.id, select]);

  const saved = (next: OrgDetail, text: string) => {
    setDialog(null);
    message.success(text);
    void qc.invalidateQueries({ queryKey: ['org'] });
    refreshTree();
    if (next.id !== org.id) navigate(`/orgs/${next.id}`);
  };

  const removePost = async (postId: string) => {
    try {
      await orgApi.removePost(org.id, postId);
      message.success('已撤销职务记录');
      void qc.invalidateQueries({ queryKey: ['org', org.id] });
    } catch (err) {
      message.error(errorMessage(err));
    }
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

      <Card
        title="班子成员与任期"
        extra={
          may.managePosts && (
            <Button size="small" onClick={() => setDialog({ kind: 'post' })}>
              任命职务
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={org.posts}
          locale={{ emptyText: '尚未登记书记、副书记或委员' }}
          columns={[
            {
              title: '职务',
              dataIndex: 'kind',
              render: (k: keyof typeof postKindLabels) => postKindLabels[k] ?? k,
            },
            {
              title: '姓名',
              dataIndex: 'memberName',
              render: (n, p) => <Link to={`/members/${p.memberId}`}>{n}</Link>,
            },
            { title: '任职开始', dataIndex: 'startedOn' },
            { title: '届满', dataIndex: 'endsOn', render: (v) => v ?? '—' },
            ...(may.managePosts
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 90,
                    render: (_: unknown, p: OrgDetail['posts'][number]) => (
                      <Popconfirm
                        title={`撤销${p.memberName}的${postKindLabels[p.kind] ?? p.kind}职务记录？`}
                        okText="撤销"
                        cancelText="取消"
                        onConfirm={() => removePost(p.id)}
                      >
                        <LinkButton danger>撤销</LinkButton>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title="下级组织">
        <Children id={org.id} />
      </Card>

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <OrgFormModal
          open
          org={dialog.kind === 'edit' ? org : undefined}
          parent={dialog.kind === 'create' ? org : undefined}
          onClose={() => setDialog(null)}
          onSaved={(next) => saved(next, dialog.kind === 'edit' ? '组织信息已保存' : `已创建“${next.name}”`)}
        />
      )}
      {(dialog?.kind === 'move' || dialog?.kind === 'merge' || dialog?.kind === 'dissolve') && (
        <OrgTargetModal
          org={org}
          action={dialog.kind}
          onClose={() => setDialog(null)}
          onDone={(next) =>
            saved(next, { move: '组织已移动', merge: '组织已合并', dissolve: '组织已撤销' }[dialog.kind])
          }
        />
      )}
      {dialog?.kind === 'promote' && (
        <PromoteGroupModal
          org={org}
          onClose={() => setDialog(null)}
          onDone={(next) => saved(next, `已组建为“${next.name}”（${next.typeLabel}）`)}
        />
      )}
      {dialog?.kind === 'post' && (
        <AddPostModal
          org={org}
          onClose={() => setDialog(null)}
          onDone={(next) => saved(next, '职务已任命')}
        />
      )}
    </Space>
  );
}

function TopLevel() {
  const qc = useQueryClient();
  const { refreshTree } = useSelectedOrg();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const roots = useQuery({ queryKey: ['org', 'roots'], queryFn: orgApi.roots });
  return (
    <Card
      title="全部顶层组织"
      extra={
        roots.data?.abilities.createRoot && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建顶层组织
          </Button>
        )
      }
    >
      <QueryState query={roots}>{(d) => <OrgTable items={d.items} />}</QueryState>
      {creating && (
        <OrgFormModal
          open
          parent={null}
          onClose={() => setCreating(false)}
          onSaved={(org) => {
            setCreating(false);
            message.success(`已创建“${org.name}”`);
            void qc.invalidateQueries({ queryKey: ['org'] });
            refreshTree();
            navigate(`/orgs/${org.id}`);
          }}
        />
      )}
    </Card>
  );
}

export default function OrgsPage() {
  const { id } = useParams();
  const { org: selected } = useSelectedOrg();
  const q = useQuery({ queryKey: ['org', id], queryFn: () => orgApi.get(id!), enabled: Boolean(id) });
  usePageTitle(id && q.data ? `${q.data.name} - 组织管理` : '组织管理');
  if (!id) {
    if (selected) return <Navigate to={`/orgs/${selected.id}`} replace />;
    return <TopLevel />;
  }
  return <QueryState query={q}>{(org) => <OrgView org={org} />}</QueryState>;
}
