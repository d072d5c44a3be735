import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { ObligationKind, ObligationState } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/title';
import { kindsShown, Matrix } from './alerts/Matrix';
import { ObligationList, type PageWindow } from './alerts/ObligationList';
import { RefreshStatus } from './alerts/RefreshStatus';
import { useRefreshJob } from './alerts/refresh-job';

/** 预警: what is due soon or late, before it turns into a surprise. */
export default function AlertsPage() {
  usePageTitle('流动党员预警');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? undefined) as ObligationState | undefined;
  const kind = (params.get('kind') ?? undefined) as ObligationKind | undefined;
  const [page, setPage] = useState<PageWindow>({ page: 1, pageSize: 20 });
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
          <ObligationList
            kinds={kinds}
            kind={kind}
            state={state}
            onFilter={setFilter}
            data={q.data}
            firstLoad={q.isLoading}
            fetching={q.isFetching}
            page={page}
            onPage={setPage}
          />
        </>
      )}
    </Card>
  );
}
