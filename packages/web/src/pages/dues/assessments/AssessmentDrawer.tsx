import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { duesApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { DuesAssessment } from '../../../api/types';
import { duesCategoryLabels } from '../../../lib/labels';
import { monthLabel, ratePercent, yuan } from '../labels';
import { AssessModal } from './AssessModal';

/** A line of the base; an item the policy leaves out that the pay slip did not list has no amount. */
type Line = Omit<DuesAssessment['included'][number], 'amount'> & { amount: string | null };

function Lines({ title, lines, testId }: { title: string; lines: Line[]; testId: string }) {
  return (
    <Table<Line>
      data-testid={testId}
      title={() => <b>{title}</b>}
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={lines}
      locale={{ emptyText: '无' }}
      columns={[
        { title: '项目', dataIndex: 'label' },
        { title: '金额', dataIndex: 'amount', align: 'right', width: 120, render: yuan },
        {
          title: '依据',
          dataIndex: 'source',
          width: 110,
          render: (s: string | null) => <Typography.Text type="secondary">{s ?? '—'}</Typography.Text>,
        },
      ]}
    />
  );
}

/** One member's assessment: the base's items counted and left out and why, the amount, and its history. */
export function AssessmentDrawer({
  assessment,
  onClose,
}: {
  assessment: DuesAssessment;
  onClose: () => void;
}) {
  const [changing, setChanging] = useState(false);
  const history = useQuery({
    queryKey: keys.dues.memberAssessments(assessment.memberId),
    queryFn: () => duesApi.memberAssessments(assessment.memberId, assessment.year),
  });
  const components = useQuery({
    queryKey: keys.dues.baseComponents(assessment.category),
    queryFn: () => duesApi.baseComponents(assessment.category),
    enabled: assessment.excluded.length === 0,
  });
  const a = assessment;
  // With nothing excluded entered, the policy's excluded items still say what does not count (RULES.md §1).
  const excluded: Line[] = a.excluded.length
    ? a.excluded
    : (components.data?.items ?? [])
        .filter((c) => !c.included)
        .map((c) => ({ key: c.key, label: c.label, amount: null, source: c.source }));
  return (
    <Drawer
      open
      size={640}
      title={`${a.memberName} · ${a.year} 年党费核定`}
      onClose={onClose}
      extra={<Button onClick={() => setChanging(true)}>年中调整</Button>}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions
          column={2}
          size="small"
          bordered
          items={[
            { key: 'cat', label: '类别', children: duesCategoryLabels[a.category] },
            { key: 'base', label: '计算基数', children: yuan(a.base) },
            { key: 'rate', label: '比例', children: ratePercent(a.rate) },
            {
              key: 'amount',
              label: '每月应交',
              children: (
                <b data-testid="assessment-amount">
                  {yuan(a.monthlyAmount)}
                  {a.capped && <Tag style={{ marginLeft: 6 }}>已按上限</Tag>}
                </b>
              ),
            },
            { key: 'from', label: '起交月份', children: monthLabel(a.fromMonth) },
            { key: 'reason', label: '调整原因', children: a.reason ?? '—' },
          ]}
        />
        <Typography.Paragraph data-testid="assessment-explanation">{a.explanation}</Typography.Paragraph>
        <Lines title="计入计算基数" lines={a.included} testId="assessment-included" />
        <Lines title="不计入计算基数" lines={excluded} testId="assessment-excluded" />
        {(history.data?.items.length ?? 0) > 1 && (
          <Table<DuesAssessment>
            title={() => <b>本年核定记录</b>}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={history.data?.items}
            columns={[
              { title: '自', dataIndex: 'fromMonth', render: monthLabel },
              { title: '类别', dataIndex: 'category', render: (c: string) => duesCategoryLabels[c] },
              { title: '每月', dataIndex: 'monthlyAmount', render: yuan },
              { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? '年初核定' },
            ]}
          />
        )}
      </Space>
      {changing && <AssessModal member={a} year={a.year} change={a} onClose={() => setChanging(false)} />}
    </Drawer>
  );
}
