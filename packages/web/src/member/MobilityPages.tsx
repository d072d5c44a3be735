import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { meApi, mobilityApi } from '../api/endpoints';
import { keys } from '../api/keys';
import type { InboxItem, MemberLedger, MemberObligation, ThoughtReport } from '../api/types';
import { useFormMutation } from '../api/use-form-mutation';
import { QueryState } from '../components/QueryState';
import { useMe } from '../lib/auth';
import { formatTime, fulfilledText, periodLabel, todayIso } from '../lib/format';
import {
  letterKindLabels,
  letterStatusLabels,
  monthsLabel,
  obligationKindLabels,
  obligationStateColors,
  obligationStateLabels,
  reasonLabel,
} from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { PortalCard } from './PortalCard';
import { PORTAL_NAME } from './portal-style';

const tap = { height: 52, fontSize: 17 };
const muted = { color: '#8c8c8c', fontSize: 14 };
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

export function useMyLedger() {
  const me = useMe();
  return useQuery({
    queryKey: keys.me.ledger,
    queryFn: () => mobilityApi.memberLedger(me.memberId!),
  });
}

export function useInbox() {
  return useQuery({ queryKey: keys.me.inbox, queryFn: meApi.inbox, staleTime: 60_000 });
}

const pressing = (o: MemberObligation) => o.state !== 'ok' && o.fulfilledOn === null;

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

function ReportForm({ reports, ledger }: { reports: ThoughtReport[]; ledger: MemberLedger | undefined }) {
  const current = todayIso().slice(0, 7);
  // The earliest month still owed (obligations show the oldest pressing one), if it is not this one.
  const owed = ledger?.obligations.find((o) => o.kind === 'monthly_report' && pressing(o))?.period;
  const [month, setMonth] = useState(current);
  const [content, setContent] = useState('');
  const done = reports.find((r) => r.month === month);
  const text = content.trim();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { text: string; month: string }) => meApi.submitReport(v.text, v.month),
    success: (_, v) => `${periodLabel(v.month)}思想汇报已提交`,
    invalidate: [keys.me.all],
    onDone: () => {
      setContent('');
      setMonth(current);
    },
  });

  return (
    <PortalCard title={`${periodLabel(month)}思想汇报`}>
      {owed && owed !== month && !reports.some((r) => r.month === owed) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${periodLabel(owed)}的思想汇报尚未提交`}
          action={
            <Button size="large" onClick={() => setMonth(owed)}>
              补交
            </Button>
          }
        />
      )}
      {done ? (
        <div data-testid="report-done">
          <p style={{ margin: '0 0 8px' }}>
            <Tag color="green">已提交</Tag>
            <span style={muted}>{formatTime(done.submittedAt)}</span>
          </p>
          <p style={{ ...muted, margin: 0 }}>
            {month === current
              ? '本月的思想汇报已经提交，党支部会及时阅知。下月初可以提交下个月的汇报。'
              : `${periodLabel(month)}的汇报已经提交。`}
            历史汇报和党组织的回复见下方。
          </p>
          {month !== current && (
            <Button block style={{ ...tap, marginTop: 12 }} onClick={() => setMonth(current)}>
              返回本月
            </Button>
          )}
        </div>
      ) : (
        <>
          {error ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                error instanceof ApiError && error.code === 'REPORT_EXISTS'
                  ? `${periodLabel(month)}的汇报已提交`
                  : errorMessage(error)
              }
            />
          ) : null}
          <Input.TextArea
            aria-label="思想汇报内容"
            value={content}
            onChange={(e) => setContent(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 16 }}
            maxLength={5000}
            showCount
            placeholder="写下本月的学习、工作和思想情况，以及对党组织的意见建议（至少 10 个字）。"
            style={{ fontSize: 17 }}
          />
          <Button
            type="primary"
            block
            style={{ ...tap, marginTop: 16 }}
            loading={busy}
            disabled={text.length < 10}
            onClick={() => submit({ text, month })}
          >
            提交汇报
          </Button>
          {text.length > 0 && text.length < 10 && (
            <p style={{ ...muted, margin: '8px 0 0' }}>还需再写 {10 - text.length} 个字</p>
          )}
        </>
      )}
    </PortalCard>
  );
}

function ReportHistory({ reports }: { reports: ThoughtReport[] }) {
  return (
    <PortalCard title="我的汇报记录">
      {reports.length === 0 ? (
        <p style={{ ...muted, margin: 0 }}>还没有提交过思想汇报。</p>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="report-history">
          {reports.map((r) => (
            <details key={r.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 10 }}>
              <summary
                style={{ cursor: 'pointer', minHeight: 44, display: 'flex', alignItems: 'center', gap: 8 }}
              >
                <b>{periodLabel(r.month)}</b>
                {r.acknowledgedAt ? <Tag color="green">已阅</Tag> : <Tag color="gold">待阅</Tag>}
                {r.reply && <Tag color="blue">有回复</Tag>}
                <span style={{ ...muted, marginLeft: 'auto' }}>展开</span>
              </summary>
              <p style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.content}</p>
              <div style={muted}>提交于 {formatTime(r.submittedAt)}</div>
              {r.acknowledgedAt && (
                <div style={{ marginTop: 6, padding: 10, background: '#f6ffed', borderRadius: 8 }}>
                  党组织于 {formatTime(r.acknowledgedAt)} 阅知
                  {r.reply ? (
                    <div style={{ marginTop: 4 }}>
                      回复：<span style={{ whiteSpace: 'pre-wrap' }}>{r.reply}</span>
                    </div>
                  ) : null}
                </div>
              )}
            </details>
          ))}
        </div>
      )}
    </PortalCard>
  );
}

export function MyReports() {
  usePageTitle('思想汇报', PORTAL_NAME);
  const reports = useQuery({ queryKey: keys.me.reports, queryFn: meApi.reports });
  const ledger = useMyLedger();
  return (
    <QueryState query={reports}>
      {(r) => (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <ReportForm reports={r.items} ledger={ledger.data} />
          <ReportHistory reports={r.items} />
        </div>
      )}
    </QueryState>
  );
}

function Message({ item }: { item: InboxItem }) {
  const [open, setOpen] = useState(false);
  // A failure leaves the message unread and says nothing: the next visit marks it again.
  const markRead = useFormMutation({ mutate: meApi.markRead, invalidate: [keys.me.inbox] });
  const toggle = () => {
    setOpen((o) => !o);
    if (!item.readAt) markRead.submit(item.id);
  };
  return (
    <div style={{ borderBottom: '1px solid #f0f0f0' }}>
      <button
        type="button"
        onClick={toggle}
        aria-expanded={open}
        style={{
          all: 'unset',
          boxSizing: 'border-box',
          display: 'flex',
          width: '100%',
          minHeight: 52,
          alignItems: 'center',
          gap: 8,
          cursor: 'pointer',
          padding: '8px 0',
        }}
      >
        <span
          aria-hidden
          style={{
            width: 8,
            height: 8,
            borderRadius: 4,
            background: item.readAt ? 'transparent' : '#c8161d',
            flex: 'none',
          }}
        />
        <span style={{ flex: 1, minWidth: 0 }}>
          <span style={{ display: 'block', fontWeight: item.readAt ? 400 : 600 }}>
            {item.title}
            {!item.readAt && <span style={visuallyHidden}>（未读）</span>}
          </span>
          <span style={{ ...muted, display: 'block' }}>{formatTime(item.createdAt)}</span>
        </span>
        <span style={muted}>{open ? '收起' : '查看'}</span>
      </button>
      {open && <p style={{ margin: '0 0 12px 16px' }}>{item.body}</p>}
    </div>
  );
}

export function MyInbox() {
  usePageTitle('我的提醒', PORTAL_NAME);
  const inbox = useInbox();
  return (
    <QueryState query={inbox}>
      {(d) => (
        <PortalCard title="我的提醒">
          {d.items.length === 0 ? (
            <p style={{ ...muted, margin: 0 }} data-testid="inbox-empty">
              暂无提醒。思想汇报、组织生活快到期时，会在这里提醒您。
            </p>
          ) : (
            <div data-testid="inbox-list">
              {d.items.map((i) => (
                <Message key={i.id} item={i} />
              ))}
            </div>
          )}
        </PortalCard>
      )}
    </QueryState>
  );
}
