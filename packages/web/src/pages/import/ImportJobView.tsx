import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Progress, Result, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { importApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { ImportJob, ImportRowError } from '../../api/types';
import { InlineError } from '../../components/QueryState';

const phaseLabels: Record<ImportJob['phase'], string> = {
  reading: '正在读取文件',
  checking: '正在逐行校验',
  writing: '正在写入数据',
  done: '已完成',
};
function ErrorTable({ errors }: { errors: ImportRowError[] }) {
  return (
    <Table<ImportRowError & { key: number }>
      data-testid="import-errors"
      size="small"
      dataSource={errors.map((e, key) => ({ ...e, key }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: '行号', dataIndex: 'row', width: 80 },
        { title: '列', dataIndex: 'column', width: 160, render: (v) => v ?? '—' },
        { title: '问题', dataIndex: 'message' },
      ]}
    />
  );
}

/** One import: its progress while it runs, then what it did or every problem the file has. */
export function JobView({ id }: { id: string }) {
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: keys.imports.detail(id),
    queryFn: () => importApi.get(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 700 : false),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status && status !== 'running') {
      void qc.invalidateQueries({ queryKey: keys.members.all });
      void qc.invalidateQueries({ queryKey: keys.imports.all });
    }
  }, [status, qc]);
  if (job.error) return <InlineError error={job.error} />;
  const j = job.data;
  if (!j) return <Progress percent={0} status="active" />;
  const percent = j.total ? Math.round((j.processed / j.total) * 100) : j.status === 'running' ? 0 : 100;
  if (j.status === 'running') {
    return (
      <div data-testid="import-progress">
        <Typography.Text>
          {phaseLabels[j.phase]}
          {j.total ? `（${j.processed} / ${j.total} 行）` : '…'}
        </Typography.Text>
        <Progress percent={percent} status="active" />
      </div>
    );
  }
  if (j.status === 'succeeded') {
    return (
      <Result
        status="success"
        title="导入成功"
        subTitle={
          <span data-testid="import-result">
            新增党员 {j.created} 名，更新 {j.updated} 名
          </span>
        }
        extra={<Link to="/members">查看党员名册</Link>}
      />
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="error"
        showIcon
        title={j.status === 'rejected' ? '文件已被拒绝，未写入任何数据' : '导入失败'}
        description={
          j.status === 'rejected'
            ? `共发现 ${j.errorCount} 处问题，请按下表修改后重新上传整个文件。`
            : (j.message ?? '导入过程中出现错误，未写入任何数据，请稍后重试。')
        }
      />
      {j.errors.length > 0 && <ErrorTable errors={j.errors} />}
    </Space>
  );
}
