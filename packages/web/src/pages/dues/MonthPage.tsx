import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesCycle, DuesCycleMember } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState, InlineError } from '../../components/QueryState';
import { duesCategoryLabels, label } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import {
  duesCycleStatusLabels,
  duesMemberStateColors,
  duesMemberStateLabels,
  monthLabel,
  yuan,
} from './labels';
import { DelayModal } from './month/DelayModal';
import { PaymentModal } from './month/PaymentModal';
import { duesWrites, MonthPicker, NeedsOrg, useMonthParam } from './shared';

type Dialog = { kind: 'pay' | 'delay'; member: DuesCycleMember } | null;

function Tally({ cycle }: { cycle: DuesCycle }) {
  const c = cycle.counts;
  return (
    <Row gutter={[16, 16]} data-testid="dues-tally">
      <Col xs={12} md={4}>
        <Statistic title="应交（元）" value={cycle.due} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="已交（元）" value={cycle.paid} />
      </Col>
      <Col xs={6} md={4}>
        <Statistic
          title="已交"
          value={c.paid}
          suffix="人"
          styles={{ content: { color: c.paid ? '#389e0d' : undefined } }}
        />
      </Col>
      <Col xs={6} md={4}>
        <Statistic
          title="未交"
          value={c.unpaid}
          suffix="人"
          styles={{ content: { color: c.unpaid ? '#cf1322' : undefined } }}
        />
      </Col>
      <Col xs={6} md={4}>
        <Statistic title="免交" value={c.exempt} suffix="人" />
      </Col>
      <Col xs={6} md={4}>
        <Statistic
          title="缓交"
          value={c.delayed}
          suffix="人"
          styles={{ content: { color: c.delayed ? '#d46b08' : undefined } }}
        />
      </Col>
    </Row>
  );
}

function Cycle({ orgId, month }: { orgId: string; month: string }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useQuery({ queryKey: keys.dues.cycle(orgId, month), queryFn: () => duesApi.cycle(orgId, month) });
  const collect = useFormMutation({
    mutate: () => duesApi.openCollection(orgId, month),
    success: '已开始本月收缴',
    invalidate: duesWrites,
  });
  const settle = useFormMutation({
    mutate: () => duesApi.settle(orgId, month),
    success: `${monthLabel(month)}党费已结算`,
    invalidate: duesWrites,
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const cycle = q.data;
  const can = cycle?.abilities;
  return (
    <Card
      loading={q.isLoading}
      title={
        <Space wrap>
          <span>
            {cycle?.orgName ?? ''} {monthLabel(month)}党费收缴
          </span>
          {cycle && (
            <Tag color={cycle.status === 'settled' ? 'green' : 'blue'} data-testid="cycle-status">
              {duesCycleStatusLabels[cycle.status]}
              {cycle.settledOn ? ` ${cycle.settledOn}` : ''}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space>
          {can?.collect && (
            <Button onClick={() => collect.submit({})} loading={collect.busy}>
              开始收缴
            </Button>
          )}
          {can?.settle && (
            <Popconfirm
              title={`结算${monthLabel(month)}党费？`}
              description="每名党员须已交、免交或标记缓交；结算后本月不再登记。"
              okText="确认结算"
              cancelText="取消"
              onConfirm={() => settle.submit({})}
            >
              <Button type="primary" loading={settle.busy}>
                结算本月
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <InlineError error={collect.error ?? settle.error} />
      {cycle && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Tally cycle={cycle} />
          <Table<DuesCycleMember>
            rowKey="memberId"
            size="middle"
            data-testid="dues-month-table"
            dataSource={cycle.members}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
            locale={{ emptyText: '本月没有核定党费的党员，请先在“年度核定”中核定' }}
            columns={[
              { title: '姓名', dataIndex: 'memberName' },
              {
                title: '类别',
                dataIndex: 'category',
                render: (c: string | null) => label(duesCategoryLabels, c),
              },
              { title: '应交', dataIndex: 'due', align: 'right', render: yuan },
              { title: '已交', dataIndex: 'paid', align: 'right', render: yuan },
              {
                title: '状态',
                dataIndex: 'state',
                render: (s: string, r) => (
                  <span>
                    <Tag color={duesMemberStateColors[s]}>{duesMemberStateLabels[s]}</Tag>
                    {r.delayReason && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.delayReason}
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              {
                title: '收据',
                dataIndex: 'receiptNumber',
                render: (n: string | null, r) =>
                  n && r.paymentId ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => window.open(duesApi.receiptPdfUrl(r.paymentId!), '_blank', 'noopener')}
                    >
                      {n}
                    </Button>
                  ) : (
                    '—'
                  ),
              },
              {
                title: '操作',
                key: 'actions',
                render: (_: unknown, r) =>
                  can?.record && (r.state === 'unpaid' || r.state === 'delayed') ? (
                    <Space>
                      <Button
                        type="primary"
                        size="small"
                        onClick={() => setDialog({ kind: 'pay', member: r })}
                      >
                        登记交纳
                      </Button>
                      {r.state === 'unpaid' && (
                        <Button size="small" onClick={() => setDialog({ kind: 'delay', member: r })}>
                          缓交
                        </Button>
                      )}
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Space>
      )}
      {dialog?.kind === 'pay' && (
        <PaymentModal month={month} member={dialog.member} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'delay' && (
        <DelayModal orgId={orgId} month={month} member={dialog.member} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}

/** 本月收缴: the branch's month at a glance, one tap to record, and the settlement. */
export default function MonthPage() {
  usePageTitle('党费收缴');
  const [month, setMonth] = useMonthParam();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <MonthPicker value={month} onChange={setMonth} />
      <NeedsOrg>{(org) => <Cycle orgId={org.id} month={month} />}</NeedsOrg>
    </Space>
  );
}
