import { Button, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { MemberLedger, MemberObligation } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { fulfilledText, periodLabel } from '../../lib/format';
import {
  letterKindLabels,
  letterStatusLabels,
  monthsLabel,
  obligationKindLabels,
  obligationStateColors,
  obligationStateLabels,
  reasonLabel,
} from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';
import { muted, pressing, tap, useInbox, useMyLedger } from './portal-mobility';

function StateTag({ o }: { o: MemberObligation }) {
  return <Tag color={obligationStateColors[o.state]}>{obligationStateLabels[o.state]}</Tag>;
}

const todoText: Record<MemberObligation['kind'], string> = {
  monthly_report: '每月向党组织提交一次思想汇报。',
  monthly_contact: '党组织每月与您联系一次，请保持电话、微信畅通。',
  org_life: '按时参加党组织生活，可回原党支部或线上参加，由党组织登记。',
  yearly_review: '每年参加一次民主评议党员，由党组织安排。',
};

/** What the member acts on personally; contact and review are the organization's to do. */
const mine = (o: MemberObligation) => o.kind === 'monthly_report' || o.kind === 'org_life';

/** The short notice on the home page: what needs the member now. */
export function TodoBanner() {
  const ledger = useMyLedger();
  const inbox = useInbox();
  const navigate = useNavigate();
  const due = (ledger.data?.obligations ?? []).filter((o) => pressing(o) && mine(o));
  const unread = (inbox.data?.items ?? []).filter((i) => !i.readAt).length;
  if (due.length === 0 && unread === 0) return null;
  const late = due.some((o) => o.state === 'overdue' || o.state === 'breached');
  return (
    <div
      data-testid="todo-banner"
      role="status"
      style={{
        marginBottom: 12,
        padding: 14,
        borderRadius: 10,
        background: late ? '#fff1f0' : '#fffbe6',
        border: `1px solid ${late ? '#ffccc7' : '#ffe58f'}`,
      }}
    >
      {due.map((o) => (
        <div key={o.kind} style={{ marginBottom: 6 }}>
          <b>
            {periodLabel(o.period)}
            {o.kind === 'monthly_report' ? '思想汇报' : '组织生活'}
          </b>{' '}
          <StateTag o={o} />
          <div style={muted}>请于 {o.dueOn} 前完成</div>
        </div>
      ))}
      {unread > 0 && <div style={{ marginBottom: 6 }}>您有 {unread} 条未读提醒</div>}
      <Button
        type="primary"
        block
        style={{ height: 48, fontSize: 17, marginTop: 4 }}
        onClick={() =>
          navigate(
            due.some((o) => o.kind === 'monthly_report') ? '/m/reports' : due.length ? '/m/todo' : '/m/inbox',
          )
        }
      >
        {due.some((o) => o.kind === 'monthly_report')
          ? '去提交思想汇报'
          : due.length
            ? '查看待办'
            : '查看提醒'}
      </Button>
    </div>
  );
}

function CurrentEpisode({ ledger }: { ledger: MemberLedger }) {
  const e = ledger.episodes.find((x) => x.status === 'open');
  if (!e) return null;
  const cert = e.certificate;
  return (
    <PortalCard title="我的外出登记">
      <div style={{ lineHeight: 1.9 }}>
        <div>
          {e.leftOn ?? '近期'}起前往{e.destinationName ?? '外地'}（{reasonLabel(e.reason)}），预计{' '}
          {monthsLabel(e.expectedMonths)} 个月
        </div>
        <div style={muted}>原所在党组织：{e.originOrgName}</div>
        <div style={muted}>流入党组织：{e.inflowOrgName ?? '尚未报到，到达后请向当地党组织报到'}</div>
        {cert && (
          <div style={{ marginTop: 8, padding: 10, background: '#fff7e6', borderRadius: 8 }}>
            <div>
              {letterKindLabels[cert.kind] ?? '证明'} {cert.number}{' '}
              <Tag color={cert.status === 'issued' ? 'green' : 'default'}>
                {letterStatusLabels[cert.status] ?? cert.status}
              </Tag>
            </div>
            <div style={muted}>
              核验码 <b style={{ color: '#000', letterSpacing: 1 }}>{cert.code}</b>，有效期至{' '}
              {cert.validUntil}
            </div>
            <div style={muted}>报到时请出示此证，对方可凭核验码查验真伪。</div>
          </div>
        )}
      </div>
    </PortalCard>
  );
}

function TodoItem({ o }: { o: MemberObligation }) {
  const navigate = useNavigate();
  const own = mine(o);
  return (
    <div data-testid={`todo-${o.kind}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <b style={{ fontSize: 17 }}>{obligationKindLabels[o.kind]}</b>
        {own ? (
          <StateTag o={o} />
        ) : (
          <Tag color={o.fulfilledOn ? 'green' : 'default'}>{o.fulfilledOn ? '已完成' : '待党组织办理'}</Tag>
        )}
      </div>
      <div style={muted}>
        {periodLabel(o.period)} · {fulfilledText(o) ?? `${o.dueOn} 前`}
      </div>
      <div style={{ fontSize: 14, marginTop: 4 }}>{todoText[o.kind]}</div>
      {o.kind === 'monthly_report' && pressing(o) && (
        <Button type="primary" block style={{ ...tap, marginTop: 8 }} onClick={() => navigate('/m/reports')}>
          去提交思想汇报
        </Button>
      )}
    </div>
  );
}

export function MyTodo() {
  usePageTitle('我的待办', PORTAL_NAME);
  const ledger = useMyLedger();
  return (
    <QueryState query={ledger}>
      {(l) => {
        const own = l.obligations.filter(mine);
        const org = l.obligations.filter((o) => !mine(o));
        return (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <PortalCard title="我的待办">
              {own.length === 0 ? (
                <p style={{ ...muted, margin: 0 }} data-testid="todo-empty">
                  暂无待办事项。外出 3 个月以上的流动党员，每月思想汇报、组织生活等事项会显示在这里。
                </p>
              ) : (
                <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="todo-list">
                  {own.map((o) => (
                    <TodoItem key={o.kind} o={o} />
                  ))}
                </div>
              )}
            </PortalCard>
            {org.length > 0 && (
              <PortalCard title="党组织为您办理">
                <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
                  {org.map((o) => (
                    <TodoItem key={o.kind} o={o} />
                  ))}
                </div>
              </PortalCard>
            )}
            <CurrentEpisode ledger={l} />
          </div>
        );
      }}
    </QueryState>
  );
}
