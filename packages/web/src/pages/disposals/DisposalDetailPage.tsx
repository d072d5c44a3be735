import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { disposalApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DisposalDetail } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { kindLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { DismissModal } from './DismissModal';
import { decisionLabels, groundLabels, statusColors, statusLabels } from './labels';
import { NextStepForm } from './NextStepForm';
import { stepItems } from './step-items';

function Actions({ d, onDismiss }: { d: DisposalDetail; onDismiss: () => void }) {
  const { print, dismiss } = d.abilities;
  return (
    <Space>
      <Tooltip title={print.allowed ? undefined : print.reason}>
        <Button
          disabled={!print.allowed}
          href={print.allowed ? disposalApi.decisionPdfUrl(d.id) : undefined}
          target="_blank"
          data-testid="print-decision"
        >
          打印决定
        </Button>
      </Tooltip>
      <Tooltip title={dismiss.allowed ? undefined : dismiss.reason}>
        <Button danger disabled={!dismiss.allowed} onClick={onDismiss}>
          撤销
        </Button>
      </Tooltip>
    </Space>
  );
}

/** One disposal: who and why, the five steps as recorded (RULES.md §6), and the next step's form. */
export default function DisposalDetailPage() {
  const { id } = useParams<{ id: string }>();
  const q = useQuery({ queryKey: keys.disposals.detail(id), queryFn: () => disposalApi.get(id!) });
  const [dismissing, setDismissing] = useState(false);
  usePageTitle(q.data ? `处置：${q.data.name}` : '处置');
  return (
    <QueryState query={q}>
      {(d) => (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={
              <span>
                <Link to="/disposals">处置名单</Link> / {d.name}{' '}
                <Tag color={statusColors[d.status]} data-testid="disposal-status">
                  {statusLabels[d.status]}
                </Tag>
              </span>
            }
            extra={<Actions d={d} onDismiss={() => setDismissing(true)} />}
          >
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'name', label: '党员', children: <Link to={`/members/${d.memberId}`}>{d.name}</Link> },
                { key: 'kind', label: '党员类别', children: kindLabels[d.memberKind] },
                { key: 'org', label: '所在党组织', children: d.orgName },
                { key: 'created', label: '列入日期', children: d.createdOn },
                { key: 'ground', label: '事由', children: groundLabels[d.ground] ?? d.ground },
                { key: 'cause', label: '具体情况', children: d.cause ?? '—' },
                ...(d.decision
                  ? [
                      { key: 'decision', label: '处置决定', children: decisionLabels[d.decision] },
                      { key: 'follow', label: '复查日期', children: d.followUpOn ?? '—' },
                    ]
                  : []),
                ...(d.dismissedReason
                  ? [{ key: 'dismissed', label: '撤销原因', children: d.dismissedReason }]
                  : []),
              ]}
            />
          </Card>
          <Card title="处置程序">
            <Steps
              orientation="vertical"
              data-testid="disposal-steps"
              current={d.next ? d.next.step - 1 : d.steps.length - 1}
              items={stepItems(d)}
            />
          </Card>
          {d.next && <NextStepForm d={d} />}
          {!d.next && d.status !== 'dismissed' && (
            <Typography.Text type="secondary">五步程序已完成。</Typography.Text>
          )}
          {dismissing && <DismissModal d={d} onClose={() => setDismissing(false)} />}
        </Space>
      )}
    </QueryState>
  );
}
