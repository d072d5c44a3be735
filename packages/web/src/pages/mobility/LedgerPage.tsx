import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Popover, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { LedgerRow } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { periodLabel, todayIso } from '../../lib/format';
import { monthsLabel, reasonLabel } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { CompleteOutflowModal } from './dialogs';
import { QuickContact, StateTag } from './shared';

const thisMonth = () => todayIso().slice(0, 7);

function ContactPopover({ row }: { row: LedgerRow }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      title={`登记与${row.memberName}的联系`}
      content={
        <div style={{ width: 420 }}>
          <QuickContact memberId={row.memberId} memberName={row.memberName} onDone={() => setOpen(false)} />
        </div>
      }
    >
      <LinkButton>登记联系</LinkButton>
    </Popover>
  );
}

/** 外出党员登记簿: who is away, where, since when, and who has not been reached or heard from. */
export default function LedgerPage() {
  usePageTitle('外出党员台账');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'returned' ? 'returned' : 'open';
  // 短期请假 (≤ 3 months, RULES.md §2) are away but not mobile: listed apart from the 登记簿.
  const kind = params.get('kind') === 'leave' ? 'leave' : 'mobile';
  const todo = params.get('todo') === '1';
  const [completing, setCompleting] = useState<LedgerRow | null>(null);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const q = useQuery({
    queryKey: keys.mobility.ledger(org?.id, status, kind, todo, page, pageSize),
    queryFn: () =>
      mobilityApi.ledger({
        orgId: org?.id,
        status,
        kind,
        needsCompletion: todo || undefined,
        page,
        pageSize,
      }),
    placeholderData: keepPreviousData,
  });
  const month = thisMonth();
  const canWrite = can('member.write');

  return (
    <Card
      title={`外出党员登记簿${org ? ` · ${org.name}及下级` : ''}`}
      extra={
        <Space wrap>
          <Segmented
            value={kind === 'leave' ? 'leave' : status}
            options={[
              { value: 'open', label: '在外' },
              { value: 'leave', label: '短期请假' },
              { value: 'returned', label: '已返回' },
            ]}
            onChange={(v) =>
              setParams(v === 'leave' ? { kind: 'leave' } : { status: String(v) }, { replace: true })
            }
          />
          {status === 'open' && kind === 'mobile' && (
            <Checkbox
              checked={todo}
              data-testid="ledger-todo"
              onChange={(e) => setParams(e.target.checked ? { todo: '1' } : {}, { replace: true })}
            >
              只看待补全
            </Checkbox>
          )}
          {canWrite && (
            <Button type="primary" onClick={() => navigate('/mobility/new')}>
              外出登记
            </Button>
          )}
          <Button onClick={() => navigate(`/mobility/print?status=${status}`)} data-testid="ledger-print">
            打印 / 导出
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        一人一台账、一月一联系、一月一汇报、一年一评议。“最近联系”“最近汇报”不在本月的以橙色标出；状态取该党员各项应办事项中最紧迫的一项。
      </Typography.Paragraph>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<LedgerRow>
          rowKey="id"
          size="middle"
          data-testid="ledger-table"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: q.isLoading
              ? '正在加载…'
              : status === 'open'
                ? '目前没有在外的流动党员。党员外出时，点击右上角“外出登记”。'
                : '没有已返回的外出记录',
          }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 人次`,
            onChange: (p, s) =>
              setParams({ status, page: String(p), pageSize: String(s) }, { replace: true }),
          }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'memberName',
              width: 150,
              render: (v: string, r) => (
                <div>
                  <Space size={4}>
                    <Link to={`/mobility/members/${r.memberId}`}>{v}</Link>
                    {r.side === 'host' && <Tag color="purple">流入</Tag>}
                  </Space>
                  <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.originOrgName}</div>
                </div>
              ),
            },
            {
              title: '外出流向',
              dataIndex: 'destinationName',
              render: (v: string | null, r) => (
                <div>
                  {v ?? '—'}
                  {r.inflowOrgName && (
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>流入 {r.inflowOrgName}</div>
                  )}
                </div>
              ),
            },
            {
              title: '外出日期',
              dataIndex: 'leftOn',
              width: 160,
              render: (v: string | null, r) =>
                r.needsCompletion ? (
                  <div>
                    <Tag color="orange" data-testid="needs-completion">
                      待补全
                    </Tag>
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                      登记表标记为流动党员，外出日期、时间待补全
                    </div>
                  </div>
                ) : (
                  <div>
                    {v}
                    <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                      {reasonLabel(r.reason)} · 预计 {monthsLabel(r.expectedMonths)}
                      {r.expectedReturnOn && ` · ${r.expectedReturnOn} 返回`}
                    </div>
                  </div>
                ),
            },
            { title: '联系方式', dataIndex: 'contact', width: 120, render: (v) => v ?? '—' },
            {
              title: '证明',
              dataIndex: 'document',
              width: 150,
              render: (v: string) =>
                v === '未开具' ? <Typography.Text type="warning">{v}</Typography.Text> : v,
            },
            {
              title: '最近联系',
              dataIndex: 'lastContactOn',
              width: 105,
              render: (v: string | null) =>
                v ? (
                  <span style={{ color: v.slice(0, 7) < month ? '#d46b08' : undefined }}>{v}</span>
                ) : (
                  <Typography.Text type="warning">未联系</Typography.Text>
                ),
            },
            {
              title: '最近汇报',
              dataIndex: 'lastReportMonth',
              width: 105,
              render: (v: string | null) =>
                v ? (
                  <span style={{ color: v < month ? '#d46b08' : undefined }}>{periodLabel(v)}</span>
                ) : (
                  <Typography.Text type="warning">未汇报</Typography.Text>
                ),
            },
            {
              title: '状态',
              dataIndex: 'worstState',
              width: 95,
              render: (v: LedgerRow['worstState']) => <StateTag state={v} />,
            },
            {
              title: '操作',
              key: 'op',
              width: 130,
              render: (_, r) => (
                <Space size={12}>
                  <Link to={`/mobility/members/${r.memberId}`}>台账</Link>
                  {canWrite && status === 'open' && <ContactPopover row={r} />}
                  {canWrite && status === 'open' && r.side === 'origin' && r.needsCompletion && (
                    <LinkButton onClick={() => setCompleting(r)}>补全</LinkButton>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {completing && <CompleteOutflowModal episode={completing} onClose={() => setCompleting(null)} />}
    </Card>
  );
}
