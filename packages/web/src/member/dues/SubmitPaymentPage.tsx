import { Alert, Button, Checkbox, Input, Radio } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { meDuesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesChannel } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { QueryState } from '../../components/QueryState';
import { todayIso } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { duesChannelOptions, monthLabel } from '../../pages/dues/labels';
import { muted, tap } from '../mobility/portal-mobility';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';
import { useMyDues } from './use-my-dues';

const field = { fontSize: 16, marginTop: 6 };

/**
 * 登记交纳: a member who paid (transfer, WeChat…) records it; the branch confirms it against the account
 * and only then it counts. Online payment gateways are not part of this: the record is what is kept.
 */
export default function SubmitPaymentPage() {
  usePageTitle('登记交纳', PORTAL_NAME);
  const navigate = useNavigate();
  const q = useMyDues();
  const [months, setMonths] = useState<string[] | null>(null);
  const [amount, setAmount] = useState<string | null>(null);
  const [channel, setChannel] = useState<DuesChannel>('wechat');
  const [paidOn, setPaidOn] = useState(todayIso());
  const [reference, setReference] = useState('');
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { months: string[]; amount: string }) =>
      meDuesApi.submitPayment({
        months: v.months,
        amount: v.amount,
        paidOn,
        channel,
        reference: reference.trim() || undefined,
      }),
    success: '已提交，党支部核对后确认',
    invalidate: [keys.me.dues],
    onDone: () => navigate('/m/dues'),
  });
  return (
    <QueryState query={q}>
      {(d) => {
        // Owed months and the ones still to come (this month included); paid, submitted and exempt ones are not offered.
        const payable = d.months.filter((m) => m.state === 'unpaid' || m.state === 'upcoming');
        const current = todayIso().slice(0, 7);
        const chosen =
          months ??
          (d.owed.months.length
            ? d.owed.months
            : payable.filter((m) => m.month === current).map((m) => m.month));
        const due = (list: string[]) =>
          d.months
            .filter((m) => list.includes(m.month))
            .reduce((s, m) => s + Math.round(Number(m.due) * 100), 0) / 100;
        const shown = amount ?? due(chosen).toFixed(2);
        return (
          <PortalCard title="登记我已交纳的党费">
            {error ? (
              <Alert type="error" showIcon style={{ marginBottom: 10 }} title={errorMessage(error)} />
            ) : null}
            <div style={muted}>交纳月份</div>
            {payable.length === 0 ? (
              <div style={{ margin: '8px 0' }}>没有待交的月份</div>
            ) : (
              <Checkbox.Group
                aria-label="交纳月份"
                value={chosen}
                onChange={(v) => {
                  setMonths(v as string[]);
                  setAmount(null);
                }}
                style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, margin: '8px 0' }}
                options={payable.map((m) => ({ value: m.month, label: `${monthLabel(m.month)} ${m.due}元` }))}
              />
            )}
            <div style={muted}>金额（元）</div>
            <Input
              aria-label="金额"
              inputMode="decimal"
              value={shown}
              onChange={(e) => setAmount(e.target.value)}
              style={field}
            />
            <div style={{ ...muted, marginTop: 10 }}>交纳方式</div>
            <Radio.Group
              aria-label="交纳方式"
              optionType="button"
              buttonStyle="solid"
              size="large"
              value={channel}
              onChange={(e) => setChannel(e.target.value as DuesChannel)}
              options={duesChannelOptions}
              style={{ marginTop: 6 }}
            />
            <div style={{ ...muted, marginTop: 10 }}>交纳日期</div>
            <Input
              aria-label="交纳日期"
              type="date"
              value={paidOn}
              max={todayIso()}
              onChange={(e) => setPaidOn(e.target.value)}
              style={field}
            />
            <div style={{ ...muted, marginTop: 10 }}>转账单号（选填）</div>
            <Input
              aria-label="转账单号"
              value={reference}
              maxLength={100}
              onChange={(e) => setReference(e.target.value)}
              style={field}
            />
            <Button
              type="primary"
              block
              style={{ ...tap, marginTop: 16 }}
              loading={busy}
              disabled={chosen.length === 0 || !shown.trim()}
              onClick={() => submit({ months: chosen, amount: shown.trim() })}
            >
              提交
            </Button>
          </PortalCard>
        );
      }}
    </QueryState>
  );
}
