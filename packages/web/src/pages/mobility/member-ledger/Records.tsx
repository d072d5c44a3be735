import { Button, Table, Tag } from 'antd';
import type { ContactRecord, LifeRecord, ReviewRecord } from '../../../api/types';
import { contactChannelLabels, lifeModeLabels, reviewResultLabels } from '../../../lib/labels';

export function Contacts({ items }: { items: ContactRecord[] }) {
  return (
    <Table<ContactRecord>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: '还没有联系记录' }}
      columns={[
        { title: '日期', dataIndex: 'contactedOn', width: 120 },
        {
          title: '方式',
          dataIndex: 'channel',
          width: 110,
          render: (c: ContactRecord['channel']) => contactChannelLabels[c] ?? c,
        },
        {
          title: '结果',
          dataIndex: 'reached',
          width: 100,
          render: (r: boolean) => (r ? <Tag color="green">已联系上</Tag> : <Tag color="red">未联系上</Tag>),
        },
        { title: '备注', dataIndex: 'note', render: (v) => v ?? '—' },
        { title: '登记人', dataIndex: 'byName', width: 120, render: (v) => v ?? '—' },
      ]}
    />
  );
}

export function LifeRecords({ items, onRecord }: { items: LifeRecord[]; onRecord?: () => void }) {
  return (
    <>
      {onRecord && (
        <Button style={{ marginBottom: 12 }} onClick={onRecord}>
          登记参加组织生活
        </Button>
      )}
      <Table
        rowKey={(r) => r.id ?? `${r.heldOn}-${r.topic}`}
        size="small"
        dataSource={items}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有参加组织生活的记录' }}
        columns={[
          { title: '日期', dataIndex: 'heldOn', width: 130 },
          {
            title: '方式',
            dataIndex: 'mode',
            width: 120,
            render: (m: keyof typeof lifeModeLabels) => lifeModeLabels[m] ?? m,
          },
          { title: '主题', dataIndex: 'topic', render: (v) => v ?? '—' },
        ]}
      />
    </>
  );
}

export function ReviewRecords({ items, onRecord }: { items: ReviewRecord[]; onRecord?: () => void }) {
  return (
    <>
      {onRecord && (
        <Button style={{ marginBottom: 12 }} onClick={onRecord}>
          登记年度评议
        </Button>
      )}
      <Table
        rowKey="year"
        size="small"
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '还没有年度评议记录' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 100 },
          {
            title: '结果',
            dataIndex: 'result',
            width: 120,
            render: (r: keyof typeof reviewResultLabels) => (
              <Tag color={r === 'unqualified' ? 'red' : r === 'excellent' ? 'gold' : 'green'}>
                {reviewResultLabels[r] ?? r}
              </Tag>
            ),
          },
          { title: '备注', dataIndex: 'note', render: (v) => v ?? '—' },
          { title: '登记人', dataIndex: 'reviewedBy', width: 120, render: (v) => v ?? '—' },
        ]}
      />
    </>
  );
}
