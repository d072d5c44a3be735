import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Table, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { EffectivePolicy, PolicyKind, PolicyVersion } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { policyKindLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { DiffTable } from './DiffTable';
import { OverrideModal } from './OverrideModal';
import { diff } from './policy-doc';

function sourceText(p: EffectivePolicy) {
  const own = p.sources.filter((s) => s.orgId);
  if (own.length === 0) return '全部沿用系统默认政策（依据党内法规的标准值）';
  return own.map((s) => `${s.orgName}（第 ${s.version} 版，自 ${s.effectiveFrom} 起）`).join(' → ');
}

function PolicyPanel({
  orgId,
  policy,
  versions,
  canWrite,
}: {
  orgId: string;
  policy: EffectivePolicy;
  versions: PolicyVersion[];
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const rows = useMemo(() => diff(policy.inherited, policy.document), [policy]);
  const mine = versions.filter((v) => v.kind === policy.kind);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="success"
        title="现行政策来源"
        description={sourceText(policy)}
        action={
          canWrite && (
            <Button type="primary" onClick={() => setEditing(true)}>
              调整本级政策
            </Button>
          )
        }
      />
      <DiffTable rows={rows} beforeTitle="上级（继承）" afterTitle="本组织现行" />
      <Card size="small" title="本组织的政策版本">
        <Table<PolicyVersion>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={mine}
          locale={{ emptyText: '本组织没有单独设置，全部沿用上级' }}
          columns={[
            { title: '版本', dataIndex: 'version', width: 80, render: (v) => `第 ${v} 版` },
            { title: '生效日期', dataIndex: 'effectiveFrom', width: 120 },
            { title: '设置人', dataIndex: 'createdBy', width: 120, render: (v) => v ?? '—' },
            {
              title: '设置时间',
              dataIndex: 'createdAt',
              render: (v: string) => new Date(v).toLocaleString('zh-CN'),
            },
          ]}
        />
      </Card>
      {editing && <OverrideModal orgId={orgId} policy={policy} onClose={() => setEditing(false)} />}
    </Space>
  );
}

export default function PoliciesPage() {
  usePageTitle('政策设置');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: keys.policies.ofOrg(org?.id),
    queryFn: () => orgApi.policies(org!.id),
    enabled: Boolean(org),
  });
  if (!org) {
    return (
      <Card title="政策设置">
        <Empty description="请先在左侧选择一个组织，查看其现行政策及来源" />
      </Card>
    );
  }
  return (
    <Card title={`政策设置 · ${org.name}`}>
      <style>{'.policy-changed td { background: #fff7e6; }'}</style>
      <QueryState query={q}>
        {(d) => (
          <Tabs
            items={d.items.map((p) => ({
              key: p.kind,
              label: policyKindLabels[p.kind as PolicyKind] ?? p.kind,
              children: (
                <PolicyPanel orgId={org.id} policy={p} versions={d.versions} canWrite={can('policy.write')} />
              ),
            }))}
          />
        )}
      </QueryState>
    </Card>
  );
}
