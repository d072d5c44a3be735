import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { meApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { MemberLedger, ThoughtReport } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { QueryState } from '../../components/QueryState';
import { formatTime, periodLabel, todayIso } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';
import { muted, pressing, tap, useMyLedger } from './portal-mobility';

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
