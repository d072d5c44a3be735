import { Table } from 'antd';
import { changeFieldLabels, formatChangeValue } from '../lib/labels';

type Obj = Record<string, unknown> | null | undefined;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

/** Before and after of one audited change, field by field, with Chinese field names. */
export function ChangeTable({ before, after }: { before: unknown; after: unknown }) {
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
        { title: '项目', dataIndex: 'key', width: 180, render: (k: string) => changeFieldLabels[k] ?? k },
        { title: '变更前', dataIndex: 'before', render: (v, r) => (r.key in a ? formatChangeValue(v) : '—') },
        { title: '变更后', dataIndex: 'after', render: (v, r) => (r.key in b ? formatChangeValue(v) : '—') },
      ]}
    />
  );
}
