import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { importApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { ImportJob } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { InlineError } from '../../components/QueryState';

const statusTags: Record<ImportJob['status'], { color: string; text: string }> = {
  running: { color: 'processing', text: '进行中' },
  succeeded: { color: 'success', text: '成功' },
  rejected: { color: 'error', text: '已拒绝' },
  failed: { color: 'error', text: '失败' },
};

export function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const q = useQuery({ queryKey: keys.imports.all, queryFn: importApi.recent, refetchInterval: 5000 });
  return (
    <Card title="最近的导入" size="small">
      {q.error ? (
        <InlineError error={q.error} />
      ) : (
        <Table<ImportJob>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '还没有导入记录' }}
          columns={[
            { title: '文件', dataIndex: 'fileName', render: (v) => v ?? '—' },
            {
              title: '状态',
              dataIndex: 'status',
              width: 100,
              render: (s: ImportJob['status']) => <Tag color={statusTags[s].color}>{statusTags[s].text}</Tag>,
            },
            {
              title: '结果',
              key: 'result',
              render: (_, j) =>
                j.status === 'succeeded'
                  ? `新增 ${j.created}，更新 ${j.updated}`
                  : j.status === 'rejected'
                    ? `${j.errorCount} 处错误`
                    : j.status === 'running'
                      ? `${j.processed} / ${j.total || '?'}`
                      : (j.message ?? ''),
            },
            {
              title: '',
              key: 'op',
              width: 70,
              render: (_, j) => <LinkButton onClick={() => onOpen(j.id)}>查看</LinkButton>,
            },
          ]}
        />
      )}
    </Card>
  );
}
