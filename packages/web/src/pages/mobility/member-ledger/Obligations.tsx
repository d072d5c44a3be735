import { Card, Empty, Table } from 'antd';
import type { MemberLedger } from '../../../api/types';
import { fulfilledText, periodLabel } from '../../../lib/format';
import { obligationKindLabels, obligationKinds } from '../../../lib/labels';
import { StateTag } from '../shared';

export function Obligations({ ledger }: { ledger: MemberLedger }) {
  const byKind = new Map(ledger.obligations.map((o) => [o.kind, o]));
  return (
    <Card title="应办事项" size="small" data-testid="member-obligations">
      {ledger.obligations.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="当前没有应办事项（未外出或外出不满 3 个月）"
        />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="kind"
          dataSource={obligationKinds.flatMap((k) => {
            const o = byKind.get(k);
            return o ? [o] : [];
          })}
          columns={[
            {
              title: '事项',
              dataIndex: 'kind',
              render: (k: keyof typeof obligationKindLabels) => obligationKindLabels[k] ?? k,
            },
            { title: '期间', dataIndex: 'period', render: periodLabel },
            { title: '截止', dataIndex: 'dueOn' },
            { title: '完成', key: 'done', render: (_, o) => fulfilledText(o) ?? '—' },
            {
              title: '状态',
              dataIndex: 'state',
              render: (s, o) => (
                <span data-testid={`obligation-${o.kind}`}>
                  <StateTag state={s} />
                </span>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
