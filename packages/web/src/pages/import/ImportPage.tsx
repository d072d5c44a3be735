import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Progress,
  Result,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { importApi, memberApi } from '../../api/endpoints';
import type { ImportJob, ImportRowError } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { OrgPicker } from '../../components/OrgPicker';
import { InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/title';

const phaseLabels: Record<ImportJob['phase'], string> = {
  reading: '正在读取文件',
  checking: '正在逐行校验',
  writing: '正在写入数据',
  done: '已完成',
};
const statusTags: Record<ImportJob['status'], { color: string; text: string }> = {
  running: { color: 'processing', text: '进行中' },
  succeeded: { color: 'success', text: '成功' },
  rejected: { color: 'error', text: '已拒绝' },
  failed: { color: 'error', text: '失败' },
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

function JobView({ id }: { id: string }) {
  const qc = useQueryClient();
  const job = useQuery({
    queryKey: ['import', id],
    queryFn: () => importApi.get(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 700 : false),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status && status !== 'running') {
      void qc.invalidateQueries({ queryKey: ['members'] });
      void qc.invalidateQueries({ queryKey: ['imports'] });
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

function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const q = useQuery({ queryKey: ['imports'], queryFn: importApi.recent, refetchInterval: 5000 });
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

export default function ImportPage() {
  usePageTitle('导入导出');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [orgId, setOrgId] = useState<string | undefined>(org?.id);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const openJob = (id: string | null) => setParams(id ? { job: id } : {}, { replace: false });

  const upload = async (file: File) => {
    if (!orgId) {
      setError(new Error('请先选择导入到的党组织'));
      return;
    }
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setError(new Error('请上传 .xlsx 格式的党员信息采集表'));
      return;
    }
    setError(null);
    setUploading(true);
    try {
      const { id } = await importApi.start(orgId, file);
      openJob(id);
    } catch (err) {
      setError(err);
    } finally {
      setUploading(false);
    }
  };

  const run = (fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="批量导入党员信息采集表">
        <Steps
          current={jobId ? 2 : 1}
          style={{ marginBottom: 24 }}
          items={[
            { title: '下载模板', content: '按《党员信息采集表》填写' },
            { title: '上传文件', content: '有错误的文件整份拒绝' },
            { title: '查看结果', content: '成功后即可在名册中查看' },
          ]}
        />
        {jobId ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <JobView id={jobId} />
            <Button onClick={() => openJob(null)}>重新导入</Button>
          </Space>
        ) : (
          <Form layout="vertical" style={{ maxWidth: 640 }}>
            <Form.Item label="第一步：下载模板">
              <Button onClick={run(memberApi.template)}>下载空白模板（.xlsx）</Button>
            </Form.Item>
            <Form.Item
              label="导入到党组织"
              required
              extra="“所在党支部”一列为空的党员登记到此组织；填写的党支部须在此组织之下"
            >
              <OrgPicker value={orgId} onChange={setOrgId} current={org} />
            </Form.Item>
            <Form.Item label="第二步：上传填好的文件">
              <InlineError error={error} />
              <Upload.Dragger
                accept=".xlsx"
                showUploadList={false}
                disabled={uploading}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <p style={{ fontSize: 16, margin: '12px 0' }}>
                  {uploading ? '正在上传…' : '点击或拖拽 .xlsx 文件到此处'}
                </p>
                <p style={{ color: '#888' }}>按公民身份号码匹配：已登记的更新，未登记的新增</p>
              </Upload.Dragger>
            </Form.Item>
          </Form>
        )}
      </Card>
      {can('member.export') && (
        <Card title="导出" size="small">
          <Space wrap>
            <Button onClick={run(() => memberApi.exportXlsx({ orgId: org?.id }))}>
              导出{org ? `“${org.name}”及下级` : '全部'}党员
            </Button>
            <Typography.Text type="secondary">
              需要按条件导出时，请在 <Link to="/members">党员管理</Link> 中筛选后点击“导出
              Excel”。导出的文件可修改后直接再导入。
            </Typography.Text>
          </Space>
        </Card>
      )}
      <RecentImports onOpen={openJob} />
    </Space>
  );
}
