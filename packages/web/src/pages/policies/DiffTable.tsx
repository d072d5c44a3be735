import { Table, Tag, Typography } from 'antd';
import { type DiffRow, formatValue, pathLabel } from './policy-doc';

/** A policy item by item: the inherited value beside this organization's, its own adjustments marked. */
export function DiffTable({
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
