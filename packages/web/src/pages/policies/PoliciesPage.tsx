import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { orgApi } from '../../api/endpoints';
import type { EffectivePolicy, PolicyKind, PolicyVersion } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { policyKindLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { type DiffRow, type Doc, diff, formatValue, mergeDoc, overrideOf, pathLabel } from './policy-doc';

function DiffTable({
  rows,
  beforeTitle,
  afterTitle,
}: {
  rows: DiffRow[];
  beforeTitle: string;
  afterTitle: string;
}) {
  return (
    <Table<DiffRow>
      rowKey="path"
      size="small"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.changed ? 'policy-changed' : '')}
      columns={[
        { title: '项目', dataIndex: 'path', render: pathLabel },
        { title: beforeTitle, dataIndex: 'before', render: formatValue },
        {
          title: afterTitle,
          dataIndex: 'after',
          render: (v, r) =>
            r.changed ? <Typography.Text mark>{formatValue(v)}</Typography.Text> : formatValue(v),
        },
        {
          title: '',
          dataIndex: 'changed',
          width: 90,
          render: (c: boolean) => (c ? <Tag color="red">本级调整</Tag> : null),
        },
      ]}
    />
  );
}

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

function OverrideModal({
  orgId,
  policy,
  onClose,
}: {
  orgId: string;
  policy: EffectivePolicy;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState(() =>
    JSON.stringify(overrideOf(policy.inherited, policy.document), null, 2),
  );
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const parsed = useMemo(() => parseJson(text), [text]);
  const preview = useMemo(
    () => (parsed.doc ? diff(policy.inherited, mergeDoc(policy.inherited, parsed.doc)) : []),
    [parsed.doc, policy.inherited],
  );

  const save = async () => {
    if (!parsed.doc || !from) return;
    setBusy(true);
    setError(null);
    try {
      await orgApi.overridePolicy(orgId, policy.kind, from.format('YYYY-MM-DD'), parsed.doc);
      message.success(`已保存，自 ${from.format('YYYY-MM-DD')} 起在本组织及下级生效`);
      void qc.invalidateQueries({ queryKey: ['policies', orgId] });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

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
      confirmLoading={busy}
      onOk={save}
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
    queryKey: ['policies', org?.id],
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
