import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Modal, Progress, Result, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { duesApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { DuesAssessment } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { duesCategoryLabels } from '../../../lib/labels';
import { yuan } from '../labels';

function JobProgress({ id }: { id: string }) {
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: keys.dues.batch(id),
    queryFn: () => duesApi.batchJob(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 700 : false),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status && status !== 'running') void qc.invalidateQueries({ queryKey: keys.dues.all });
  }, [status, qc]);
  if (job.error) return <InlineError error={job.error} />;
  const j = job.data;
  if (!j) return <Progress percent={0} status="active" />;
  if (j.status === 'running') {
    const percent = j.total ? Math.round((j.processed / j.total) * 100) : 0;
    return (
      <div data-testid="batch-progress">
        <Typography.Text>
          正在核定（{j.processed} / {j.total} 人）
        </Typography.Text>
        <Progress percent={percent} status="active" />
      </div>
    );
  }
  if (j.status === 'succeeded') {
    return (
      <Result
        status="success"
        title="批量核定完成"
        subTitle={
          <span data-testid="batch-result">
            核定 {j.created} 人，跳过 {j.skipped} 人（本年已核定，或上年没有基数）
          </span>
        }
      />
    );
  }
  return (
    <Alert type="error" showIcon title="批量核定失败，未写入任何数据" description={j.message ?? undefined} />
  );
}

/**
 * 年初核定 for a whole organization from last year's bases: first the review (last year's table, as it
 * will be carried over under this year's policy), then the job with its progress bar.
 */
export function BatchModal({
  org,
  year,
  onClose,
}: {
  org: { id: string; name: string };
  year: number;
  onClose: () => void;
}) {
  const [jobId, setJobId] = useState<string | null>(null);
  const last = useQuery({
    queryKey: keys.dues.assessments(org.id, year - 1),
    queryFn: () => duesApi.assessments({ orgId: org.id, year: year - 1, pageSize: 1000 }),
  });
  const start = useFormMutation({
    mutate: () => duesApi.startBatch(org.id, year),
    onDone: (r) => setJobId(r.id),
  });
  const items = last.data?.items ?? [];
  return (
    <Modal
      open
      width={800}
      title={`按 ${year - 1} 年基数批量核定 ${year} 年党费：${org.name}`}
      okText={jobId ? '完成' : `确认核定 ${items.length} 人`}
      okButtonProps={{ disabled: !jobId && items.length === 0 }}
      confirmLoading={start.busy}
      onOk={() => (jobId ? onClose() : start.submit({}))}
      onCancel={onClose}
      cancelButtonProps={{ style: jobId ? { display: 'none' } : undefined }}
    >
      <InlineError error={start.error ?? last.error} />
      {jobId ? (
        <JobProgress id={jobId} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            请核对上年的类别和计算基数：确认后按本年政策计算每月应交金额，本年已核定的党员不变。基数有变化的，核定后在表中单独调整。
          </Typography.Paragraph>
          <Table<DuesAssessment>
            data-testid="batch-review"
            rowKey="id"
            size="small"
            loading={last.isLoading}
            dataSource={items}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
            locale={{ emptyText: `${year - 1} 年没有核定记录，请逐人核定或导入基数` }}
            columns={[
              { title: '姓名', dataIndex: 'memberName' },
              { title: '所在组织', dataIndex: 'orgName' },
              { title: '类别', dataIndex: 'category', render: (c: string) => duesCategoryLabels[c] },
              { title: '计算基数', dataIndex: 'base', align: 'right', render: yuan },
              { title: `${year - 1} 年每月`, dataIndex: 'monthlyAmount', align: 'right', render: yuan },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
