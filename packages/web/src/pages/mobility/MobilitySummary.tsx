import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { ErrorState } from '../../components/QueryState';
import { periodLabel } from '../../lib/format';
import {
  documentLabel,
  leftOnLabel,
  letterStatusLabels,
  monthsLabel,
  obligationKindLabels,
  reasonLabel,
} from '../../lib/labels';
import { StateTag } from './shared';

/** The member page's 流动 tab: where the member is now and what is due, with the way into the full ledger. */
export function MobilitySummary({ memberId }: { memberId: string }) {
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: keys.mobility.memberLedger(memberId),
    queryFn: () => mobilityApi.memberLedger(memberId),
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Typography.Text type="secondary">正在加载…</Typography.Text>;
  const ledger = q.data;
  const current = ledger.episodes.find((e) => e.status === 'open');
  const actions = (
    <Space wrap style={{ marginTop: 16 }}>
      <Button type="primary" onClick={() => navigate(`/mobility/members/${memberId}`)}>
        查看一人一台账
      </Button>
      {ledger.abilities.createOutflow && (
        <Button onClick={() => navigate(`/mobility/new?memberId=${memberId}`)}>外出登记</Button>
      )}
    </Space>
  );
  if (!current) {
    const last = ledger.episodes[0];
    return (
      <div data-testid="member-mobility">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            last
              ? `目前未外出。最近一次外出：${leftOnLabel(last.leftOn)} 至 ${last.returnedOn ?? '—'}，${last.destinationName ?? '—'}`
              : '该党员没有外出登记'
          }
        />
        <div style={{ textAlign: 'center' }}>{actions}</div>
      </div>
    );
  }
  return (
    <div data-testid="member-mobility">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'dest', label: '外出流向', children: current.destinationName ?? '—' },
          {
            key: 'left',
            label: '外出时间',
            children: `${leftOnLabel(current.leftOn)} 起，预计 ${monthsLabel(current.expectedMonths)}（${reasonLabel(current.reason)}）`,
          },
          {
            key: 'doc',
            label: '证明',
            children: current.certificate
              ? `${documentLabel(current.requiredDocument)} ${current.certificate.number}（${letterStatusLabels[current.certificate.status] ?? current.certificate.status}）`
              : `${documentLabel(current.requiredDocument)}${current.requiredDocument === 'none' ? '' : '（尚未开具）'}`,
          },
          { key: 'inflow', label: '流入党组织', children: current.inflowOrgName ?? '尚未报到' },
          {
            key: 'contact',
            label: '最近联系上',
            children: ledger.contacts.find((c) => c.reached)?.contactedOn ?? '无',
          },
          {
            key: 'report',
            label: '最近思想汇报',
            children: ledger.reports[0] ? periodLabel(ledger.reports[0].month) : '无',
          },
          {
            key: 'due',
            label: '应办事项',
            span: 2,
            children: ledger.obligations.length ? (
              <Space wrap>
                {ledger.obligations.map((o) => (
                  <span key={o.kind}>
                    {obligationKindLabels[o.kind]} <StateTag state={o.state} />
                  </span>
                ))}
              </Space>
            ) : (
              <Tag>无</Tag>
            ),
          },
        ]}
      />
      {actions}
    </div>
  );
}
