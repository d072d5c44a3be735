import { useQuery } from '@tanstack/react-query';
import { Button, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { meDuesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesPayment, MyDues } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { duesCategoryLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import {
  duesChannelLabels,
  duesMemberStateColors,
  duesMemberStateLabels,
  duesPaymentStatusLabels,
  monthLabel,
  monthsLabel,
  ratePercent,
} from '../../pages/dues/labels';
import { muted, tap } from '../mobility/portal-mobility';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';
import { useMyDues, useMyDuesPayments } from './use-my-dues';

const gap = { height: 12 };
const row = {
  display: 'flex',
  justifyContent: 'space-between',
  padding: '6px 0',
  borderBottom: '1px solid #f0f0f0',
};

function Assessment({ d }: { d: MyDues }) {
  const a = d.assessment;
  if (!a) return <PortalCard title="我的党费">{`${d.year} 年党费尚未核定，请联系党支部。`}</PortalCard>;
  return (
    <PortalCard title={`${d.year} 年我的党费`}>
      <div style={{ fontSize: 28, fontWeight: 600, color: '#b5151b' }} data-testid="my-monthly-amount">
        {a.monthlyAmount} <span style={{ fontSize: 16 }}>元/月</span>
      </div>
      <div style={muted}>
        {duesCategoryLabels[a.category]}
        {a.base ? ` · 计算基数 ${a.base} 元 · ${ratePercent(a.rate)}` : ' · 定额'} · {monthLabel(a.fromMonth)}
        起
      </div>
      <p style={{ margin: '10px 0' }} data-testid="my-dues-explanation">
        {a.explanation}
      </p>
      {a.included.length > 0 && (
        <details>
          <summary style={{ padding: '8px 0' }}>计算基数怎么来的</summary>
          {a.included.map((l) => (
            <div key={l.key} style={row}>
              <span>{l.label}</span>
              <span>{l.amount} 元</span>
            </div>
          ))}
          {a.excluded.length > 0 && <div style={{ ...muted, marginTop: 8 }}>不计入：</div>}
          {a.excluded.map((l) => (
            <div key={l.key} style={{ ...row, color: '#8c8c8c' }}>
              <span>{l.label}</span>
              <span>{l.amount} 元</span>
            </div>
          ))}
        </details>
      )}
    </PortalCard>
  );
}

function Months({ d }: { d: MyDues }) {
  const navigate = useNavigate();
  return (
    <PortalCard title="本年各月">
      {d.owed.months.length > 0 && (
        <div style={{ color: '#cf1322', marginBottom: 10 }} data-testid="my-owed">
          欠交 {d.owed.months.length} 个月（{monthLabel(d.owed.months[0]!)}起），共 {d.owed.amount} 元
        </div>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }} data-testid="my-months">
        {d.months.map((m) => (
          <div
            key={m.month}
            style={{ background: '#fafafa', borderRadius: 6, padding: '6px 4px', textAlign: 'center' }}
          >
            <div>{Number(m.month.slice(5))}月</div>
            <Tag color={duesMemberStateColors[m.state]} style={{ marginInlineEnd: 0 }}>
              {duesMemberStateLabels[m.state]}
            </Tag>
          </div>
        ))}
      </div>
      <Button type="primary" block style={{ ...tap, marginTop: 12 }} onClick={() => navigate('/m/dues/pay')}>
        登记我已交纳的党费
      </Button>
    </PortalCard>
  );
}

function Payment({ p }: { p: DuesPayment }) {
  return (
    <div style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="my-payment">
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        <b>{monthsLabel(p.months)}</b>
        <span>{p.amount} 元</span>
      </div>
      <div style={muted}>
        {p.paidOn} · {duesChannelLabels[p.channel]}
        {p.paidBy ? ` · ${p.paidBy.name}代缴` : ''}{' '}
        <Tag color={p.status === 'confirmed' ? 'green' : p.status === 'rejected' ? 'red' : 'gold'}>
          {duesPaymentStatusLabels[p.status]}
        </Tag>
      </div>
      {p.status === 'rejected' && (
        <div style={{ color: '#cf1322' }}>党支部未查到这笔交纳，已退回；请核对后重新登记，或联系党支部。</div>
      )}
      {p.receiptNumber && p.abilities.receipt && (
        <Button
          type="link"
          style={{ paddingInline: 0, height: 44 }}
          onClick={() => window.open(meDuesApi.receiptPdfUrl(p.id), '_blank', 'noopener')}
        >
          收据 {p.receiptNumber}
        </Button>
      )}
    </div>
  );
}

function Payments() {
  const q = useMyDuesPayments();
  return (
    <PortalCard title="我的交纳记录">
      <QueryState
        query={q}
        isEmpty={(d) => d.items.length === 0}
        empty={<div style={muted}>还没有交纳记录</div>}
      >
        {(d) => d.items.map((p) => <Payment key={p.id} p={p} />)}
      </QueryState>
    </PortalCard>
  );
}

/** The branch's yearly publication of dues collected and how they were used (篇二: 每年公布一次). */
function Publications() {
  const q = useQuery({ queryKey: keys.me.duesPublications, queryFn: meDuesApi.publications });
  return (
    <PortalCard title="支部党费公布">
      <QueryState
        query={q}
        isEmpty={(d) => d.items.length === 0}
        empty={<div style={muted}>支部尚未公布</div>}
      >
        {(d) =>
          d.items.map((p) => (
            <div key={p.id} data-testid="my-publication" style={{ marginBottom: 12 }}>
              <b>
                {p.orgName} {p.year} 年
              </b>
              <div style={muted}>公布于 {p.publishedOn}</div>
              <div style={row}>
                <span>收缴</span>
                <span>{p.collected} 元</span>
              </div>
              <div style={row}>
                <span>上缴</span>
                <span>{p.remitted} 元</span>
              </div>
              {p.used.map((u) => (
                <div key={u.item} style={row}>
                  <span>使用：{u.item}</span>
                  <span>{u.amount} 元</span>
                </div>
              ))}
              {p.note && <p style={{ ...muted, marginTop: 6 }}>{p.note}</p>}
            </div>
          ))
        }
      </QueryState>
    </PortalCard>
  );
}

/** 我的党费: my amount and why, the months and what I owe, my payments and receipts, the branch's publication. */
export default function MyDuesPage() {
  usePageTitle('我的党费', PORTAL_NAME);
  const q = useMyDues();
  return (
    <QueryState query={q}>
      {(d) => (
        <>
          <Assessment d={d} />
          <div style={gap} />
          <Months d={d} />
          <div style={gap} />
          <Payments />
          <div style={gap} />
          <Publications />
        </>
      )}
    </QueryState>
  );
}
