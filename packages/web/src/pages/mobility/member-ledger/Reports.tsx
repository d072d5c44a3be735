import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import type { ThoughtReport } from '../../../api/types';
import { formatTime, periodLabel } from '../../../lib/format';
import type { LedgerDialog } from './dialog';

export function Reports({
  items,
  memberName,
  canAcknowledge,
  onDialog,
}: {
  items: ThoughtReport[];
  memberName: string;
  canAcknowledge: boolean;
  onDialog: (d: LedgerDialog) => void;
}) {
  if (items.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="还没有思想汇报。党员可在手机“党员之家”提交。"
      />
    );
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {items.map((r) => (
        <Card
          key={r.id}
          size="small"
          title={
            <Space>
              {periodLabel(r.month)}
              {r.acknowledgedAt ? <Tag color="green">已阅</Tag> : <Tag color="gold">待阅</Tag>}
            </Space>
          }
          extra={
            <Space>
              <Typography.Text type="secondary">提交于 {formatTime(r.submittedAt)}</Typography.Text>
              {canAcknowledge && !r.acknowledgedAt && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => onDialog({ kind: 'ack', report: { ...r, memberName } })}
                >
                  阅知
                </Button>
              )}
            </Space>
          }
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: r.acknowledgedAt ? 8 : 0 }}>
            {r.content}
          </Typography.Paragraph>
          {r.acknowledgedAt && (
            <Typography.Text type="secondary">
              {r.acknowledgedBy ?? ''} 于 {formatTime(r.acknowledgedAt)} 阅知
              {r.reply ? `，回复：${r.reply}` : ''}
            </Typography.Text>
          )}
        </Card>
      ))}
    </Space>
  );
}
