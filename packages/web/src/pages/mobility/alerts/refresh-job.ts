import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { mobilityApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import { useFormMutation } from '../../../api/use-form-mutation';

/**
 * 重新计算 takes minutes on a large registry, so it runs on the server in the background: the
 * page polls its progress once a second while one is going on, and finds it again on coming back.
 * A run someone else started (the daily one, another instance, the CLI) is followed the same way.
 */
export function useRefreshJob(enabled: boolean) {
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

export type RefreshJob = ReturnType<typeof useRefreshJob>;
