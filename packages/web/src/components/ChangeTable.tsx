import { Table } from 'antd';
import { type ChangeContext, fieldLabel, formatFieldValue } from '../lib/change-format';
import { useRegions } from './regions';

type Obj = Record<string, unknown> | null | undefined;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

/** Before and after of one audited change, field by field, in words: labels, names and region names. */
export function ChangeTable({
  before,
  after,
  refs,
}: {
  before: unknown;
  after: unknown;
  refs?: Record<string, string>;
}) {
  const regions = useRegions();
  const ctx: ChangeContext = { refs, regions: regions.data };
  const a = asObj(before) ?? {};
  const b = asObj(after) ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  if (keys.length === 0) return <span>无详细内容</span>;
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={keys.map((key) => ({ key, before: a[key], after: b[key] }))}
      columns={[
        { title: '项目', dataIndex: 'key', width: 180, render: (k: string) => fieldLabel(k) },
        {
          title: '变更前',
          dataIndex: 'before',
          render: (v, r) => (r.key in a ? formatFieldValue(r.key, v, ctx) : '—'),
        },
        {
          title: '变更后',
          dataIndex: 'after',
          render: (v, r) => (r.key in b ? formatFieldValue(r.key, v, ctx) : '—'),
        },
      ]}
    />
  );
}
