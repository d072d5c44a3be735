import { obligationKinds as allKinds } from '@dangjian/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Select, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type {
  ObligationKind,
  ObligationPage,
  ObligationRow,
  ObligationState,
  ObligationsRun,
} from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState, InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { formatTime, fulfilledText, periodLabel } from '../../lib/format';
import {
  obligationKindLabels,
  obligationKinds,
  obligationStateColors,
  obligationStateLabels,
  obligationStates,
  optionsOf,
} from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { StateTag } from './shared';

const colorHex: Record<ObligationState, string> = {
  ok: '#389e0d',
  due_soon: '#d48806',
  overdue: '#d46b08',
  breached: '#cf1322',
};

/**
 * The kinds the page shows: the mobile members' four always (a quiet month shows its zeros), and any
 * other provider's kind once something of it is stored, in the contract's order.
 */
function kindsShown(summary: ObligationPage['summary']): ObligationKind[] {
  const present = new Set<ObligationKind>([...obligationKinds, ...summary.map((s) => s.kind)]);
  return allKinds.filter((k) => present.has(k));
}

/** Counts by kind × state; every number is a link to the list filtered by it. */
function Matrix({
  kinds,
  summary,
  active,
  onPick,
}: {
  kinds: ObligationKind[];
  summary: ObligationPage['summary'];
  active: { kind?: ObligationKind; state?: ObligationState };
  onPick: (kind: ObligationKind | undefined, state: ObligationState | undefined) => void;
}) {
  const n = (kind?: ObligationKind, state?: ObligationState) =>
    summary
      .filter((s) => (!kind || s.kind === kind) && (!state || s.state === state))
      .reduce((sum, s) => sum + s.n, 0);
  const cell = (kind: ObligationKind | undefined, state: ObligationState | undefined) => {
    const count = n(kind, state);
    const selected = active.kind === kind && active.state === state;
    return (
      <Button
        type={selected ? 'primary' : 'text'}
        size="small"
        style={{
          minWidth: 48,
          fontWeight: 600,
          fontSize: 16,
          color: selected ? undefined : count === 0 ? '#bfbfbf' : state ? colorHex[state] : undefined,
        }}
        aria-label={`${kind ? obligationKindLabels[kind] : '全部事项'} ${state ? obligationStateLabels[state] : '合计'} ${count} 项`}
        onClick={() => onPick(kind, state)}
      >
        {count}
      </Button>
    );
  };
  const rows: { key: string; kind?: ObligationKind }[] = [
    ...kinds.map((k) => ({ key: k, kind: k })),
    { key: 'all' },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      data-testid="alerts-matrix"
      dataSource={rows}
      style={{ marginBottom: 20 }}
      columns={[
        {
          title: '事项',
          key: 'kind',
          width: 140,
          render: (_, r) => (r.kind ? obligationKindLabels[r.kind] : <b>合计</b>),
        },
        ...[...obligationStates].reverse().map((s) => ({
          title: (
            <span style={{ color: obligationStateColors[s] === 'gold' ? '#d48806' : colorHex[s] }}>
              {obligationStateLabels[s]}
            </span>
          ),
          key: s,
          align: 'center' as const,
          render: (_: unknown, r: { kind?: ObligationKind }) => cell(r.kind, s),
        })),
        {
          title: '合计',
          key: 'total',
          align: 'center' as const,
          render: (_: unknown, r: { kind?: ObligationKind }) => cell(r.kind, undefined),
        },
      ]}
    />
  );
}

const phaseSteps: Record<'refresh' | 'reminders' | 'delivery', string> = {
  refresh: '第 1/3 步 计算应办事项',
  reminders: '第 2/3 步 生成提醒',
  delivery: '第 3/3 步 发送提醒',
};
const triggerLabels: Record<ObligationsRun['trigger'], string> = {
  manual: '重新计算',
  daily: '每日计算',
  cli: '命令行计算',
};

const resultLine = (r: ObligationsRun) =>
  `已重新计算 ${r.obligations.members} 名流动党员的应办事项，新提醒 ${r.reminders.queued} 条，已发送 ${r.delivered.sent} 条，失败 ${r.delivered.failed} 条`;

function runningLine(r: ObligationsRun) {
  const { members, total } = r.obligations;
  if (r.phase === 'refresh') return `已计算 ${members} / ${total ?? '…'} 人`;
  if (r.phase === 'reminders') return `${members} 人已计算，新提醒 ${r.reminders.queued} 条`;
  return `新提醒 ${r.reminders.queued} 条，已发送 ${r.delivered.sent} 条，失败 ${r.delivered.failed} 条`;
}

/** The scan is most of the work and the only part with a known total: the bar follows it. */
function percentOf(r: ObligationsRun) {
  const { members, total } = r.obligations;
  if (r.phase !== 'refresh') return 100;
  if (total === null) return 0;
  return total === 0 ? 100 : Math.min(100, Math.round((members / total) * 100));
}

/**
 * 重新计算 takes minutes on a large registry, so it runs on the server in the background: the
 * page polls its progress once a second while one is going on, and finds it again on coming back.
 * A run someone else started (the daily one, another instance, the CLI) is followed the same way.
 */
function useRefreshJob(enabled: boolean) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const progress = useQuery({
    queryKey: keys.obligations.refresh,
    queryFn: mobilityApi.refreshProgress,
    enabled,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const [finishedHere, setFinishedHere] = useState(false);
  // Set while a run is followed on this page: its end refreshes the lists and shows the result.
  const followed = useRef(false);
  const data = progress.data;
  const running = data?.status === 'running';
  const settled = !data || running ? null : 'id' in data ? data.id : data.status;
  useEffect(() => {
    if (running) followed.current = true;
    else if (settled && followed.current) {
      followed.current = false;
      setFinishedHere(true);
      void qc.invalidateQueries({ queryKey: keys.mobility.all });
    }
  }, [running, settled, qc]);
  const starting = useFormMutation({
    mutate: async () => {
      setFinishedHere(false);
      try {
        await mobilityApi.refreshObligations();
      } catch (err) {
        // A run already going on (the daily one, another instance): followed like one started here.
        if (!(err instanceof ApiError && err.code === 'JOBS_RUNNING')) throw err;
        message.info('每日计算正在进行，完成后这里显示结果');
      }
    },
    errorToast: true,
    onDone: () => {
      followed.current = true;
      void progress.refetch();
    },
  });
  // A failure is shown by the mutation's message; the promise is only waited on by nobody.
  const start = () => {
    starting.submitAsync(undefined).catch(() => {});
  };
  return { progress, running, starting: starting.busy, finishedHere, start };
}

function RefreshStatus({ job }: { job: ReturnType<typeof useRefreshJob> }) {
  const d = job.progress.data;
  if (job.progress.error) return <InlineError error={job.progress.error} />;
  if (!d || d.status === 'idle') return null;
  if ('elsewhere' in d) {
    return (
      <div data-testid="refresh-progress" style={{ marginBottom: 16 }}>
        <Typography.Text>
          另一服务器实例或命令行正在重新计算（开始于 {formatTime(d.startedAt)}），完成后名单自动更新
        </Typography.Text>
        <Progress percent={100} status="active" showInfo={false} />
      </div>
    );
  }
  if (d.status === 'running') {
    return (
      <div data-testid="refresh-progress" style={{ marginBottom: 16 }}>
        <Typography.Text>
          {triggerLabels[d.trigger]}进行中：{phaseSteps[d.phase as keyof typeof phaseSteps]}，{runningLine(d)}
        </Typography.Text>
        <Progress percent={percentOf(d)} status="active" />
      </div>
    );
  }
  if (d.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${triggerLabels[d.trigger]}未完成（${formatTime(d.finishedAt)}）`}
        description={d.message}
        action={
          <Button size="small" onClick={job.start} loading={job.starting}>
            重试
          </Button>
        }
      />
    );
  }
  if (job.finishedHere) {
    return (
      <div data-testid="refresh-result" style={{ marginBottom: 16 }}>
        <Alert type="success" showIcon title={resultLine(d)} />
      </div>
    );
  }
  return (
    <Typography.Paragraph type="secondary" data-testid="refresh-last">
      上次{triggerLabels[d.trigger]}（完成于 {formatTime(d.finishedAt)}）：{resultLine(d)}
    </Typography.Paragraph>
  );
}

/** 预警: what is due soon or late, before it turns into a surprise. */
export default function AlertsPage() {
  usePageTitle('流动党员预警');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? undefined) as ObligationState | undefined;
  const kind = (params.get('kind') ?? undefined) as ObligationKind | undefined;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  // The recompute covers every organization and reminds everyone: the system administrator's alone.
  const mayRefresh = can('obligations.refresh');
  const job = useRefreshJob(mayRefresh);
  const filter = { orgId: org?.id, state, kind };
  const q = useQuery({
    queryKey: keys.obligations.list(filter, page),
    queryFn: () => mobilityApi.obligations({ ...filter, ...page }),
    placeholderData: keepPreviousData,
  });
  const setFilter = (k: ObligationKind | undefined, s: ObligationState | undefined) => {
    const next = new URLSearchParams();
    if (k) next.set('kind', k);
    if (s) next.set('state', s);
    setParams(next, { replace: true });
    setPage((p) => ({ ...p, page: 1 }));
  };
  const exporting = useFormMutation({
    mutate: () => mobilityApi.exportObligations(filter),
    success: '已导出当前筛选的预警清单',
    errorToast: true,
  });
  const kinds = kindsShown(q.data?.summary ?? []);
  return (
    <Card
      title={`流动党员预警${org ? ` · ${org.name}及下级` : ''}`}
      extra={
        <Space wrap>
          {mayRefresh && (
            <Button onClick={job.start} loading={job.starting || job.running}>
              {job.running ? '正在计算…' : '立即重新计算'}
            </Button>
          )}
          <Button onClick={() => exporting.submitAsync(undefined).catch(() => {})} loading={exporting.busy}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        系统每天按“一月一联系、一月一汇报、一年一评议”和组织生活要求计算每名流动党员的应办事项；“即将到期”“严重逾期”的天数按“政策设置”中的流动党员管理政策。点击数字查看名单。
      </Typography.Paragraph>
      {mayRefresh && <RefreshStatus job={job} />}
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Matrix kinds={kinds} summary={q.data?.summary ?? []} active={{ kind, state }} onPick={setFilter} />
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              allowClear
              placeholder="事项"
              aria-label="事项"
              style={{ width: 150 }}
              value={kind}
              options={kinds.map((k) => ({ value: k, label: obligationKindLabels[k] }))}
              onChange={(v) => setFilter(v, state)}
            />
            <Select
              allowClear
              placeholder="状态"
              aria-label="状态"
              style={{ width: 130 }}
              value={state}
              options={optionsOf(obligationStateLabels)}
              onChange={(v) => setFilter(kind, v)}
            />
            {(kind || state) && <Button onClick={() => setFilter(undefined, undefined)}>清除筛选</Button>}
          </Space>
          <Table<ObligationRow>
            rowKey={(r) => `${r.memberId ?? r.orgId}-${r.kind}-${r.period}`}
            size="middle"
            data-testid="alerts-table"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            locale={{
              emptyText: q.isLoading
                ? '正在加载…'
                : kind || state
                  ? '没有符合条件的事项'
                  : '没有应办事项（目前没有外出 3 个月以上的流动党员）',
            }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 项`,
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
            columns={[
              {
                title: '姓名',
                dataIndex: 'memberName',
                width: 110,
                // An organization's obligation names no member: the organization column says who owes it.
                render: (v: string | null, r) =>
                  r.memberId ? <Link to={`/mobility/members/${r.memberId}`}>{v}</Link> : '—',
              },
              { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
              {
                title: '事项',
                dataIndex: 'kind',
                width: 130,
                render: (k: ObligationKind) => obligationKindLabels[k] ?? k,
              },
              { title: '期间', dataIndex: 'period', width: 130, render: periodLabel },
              { title: '截止日期', dataIndex: 'dueOn', width: 120 },
              {
                title: '状态',
                dataIndex: 'state',
                width: 110,
                render: (s: ObligationState) => <StateTag state={s} />,
              },
              {
                title: '完成情况',
                dataIndex: 'fulfilledOn',
                width: 140,
                render: (_: unknown, r) => fulfilledText(r) ?? '—',
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
