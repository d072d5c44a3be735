import { Button, Card, Form, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { importApi, memberApi } from '../../api/endpoints';
import { useFormMutation } from '../../api/use-form-mutation';
import { OrgPicker } from '../../components/OrgPicker';
import { InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/title';
import { JobView } from './ImportJobView';
import { RecentImports } from './RecentImports';

export default function ImportPage() {
  usePageTitle('导入导出');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [orgId, setOrgId] = useState<string | undefined>(org?.id);
  // What is wrong before anything is sent: no organization chosen, or not an .xlsx file.
  const [problem, setProblem] = useState<Error | null>(null);
  const openJob = (id: string | null) => setParams(id ? { job: id } : {}, { replace: false });
  const start = useFormMutation({
    mutate: (v: { orgId: string; file: File }) => importApi.start(v.orgId, v.file),
    onDone: ({ id }) => openJob(id),
  });
  const upload = (file: File) => {
    start.reset();
    if (!orgId) setProblem(new Error('请先选择导入到的党组织'));
    else if (!file.name.toLowerCase().endsWith('.xlsx'))
      setProblem(new Error('请上传 .xlsx 格式的党员信息采集表'));
    else {
      setProblem(null);
      start.submit({ orgId, file });
    }
  };
  const download = useFormMutation({ mutate: (fn: () => Promise<void>) => fn(), errorToast: true });

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
              <Button onClick={() => download.submit(memberApi.template)}>下载空白模板（.xlsx）</Button>
            </Form.Item>
            <Form.Item
              label="导入到党组织"
              required
              extra="“所在党支部”一列为空的党员登记到此组织；填写的党支部须在此组织之下"
            >
              <OrgPicker value={orgId} onChange={setOrgId} current={org} />
            </Form.Item>
            <Form.Item label="第二步：上传填好的文件">
              <InlineError error={problem ?? start.error} />
              <Upload.Dragger
                accept=".xlsx"
                showUploadList={false}
                disabled={start.busy}
                beforeUpload={(file) => {
                  upload(file);
                  return false;
                }}
              >
                <p style={{ fontSize: 16, margin: '12px 0' }}>
                  {start.busy ? '正在上传…' : '点击或拖拽 .xlsx 文件到此处'}
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
            <Button onClick={() => download.submit(() => memberApi.exportXlsx({ orgId: org?.id }))}>
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
