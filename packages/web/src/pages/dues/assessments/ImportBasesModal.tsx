import { Alert, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { duesApi } from '../../../api/endpoints';
import type { DuesAssessmentImportResult } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { duesWrites } from '../shared';

type RowError = DuesAssessmentImportResult['errors'][number];

/** Bases from an .xlsx (姓名, 身份证号 or 党员编号, 类别, 计算基数): the rows it could not take are listed. */
export function ImportBasesModal({
  org,
  year,
  onClose,
}: {
  org: { id: string; name: string };
  year: number;
  onClose: () => void;
}) {
  const [problem, setProblem] = useState<Error | null>(null);
  const run = useFormMutation({
    mutate: (file: File) => duesApi.importBases(org.id, year, file),
    invalidate: duesWrites,
  });
  const [result, setResult] = useState<DuesAssessmentImportResult | null>(null);
  const upload = (file: File) => {
    setResult(null);
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setProblem(new Error('请上传 .xlsx 格式的文件'));
      return;
    }
    setProblem(null);
    run.submitAsync(file).then(setResult, () => undefined);
  };
  return (
    <Modal open width={720} title={`导入 ${year} 年党费基数：${org.name}`} footer={null} onCancel={onClose}>
      <InlineError error={problem ?? run.error} />
      <Typography.Paragraph type="secondary">
        表格列：姓名、身份证号（或党员编号）、类别（如“在职工资收入”“离退休”“农民”）、计算基数（元/月）。已核定的党员按表中数值更新。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx"
        showUploadList={false}
        disabled={run.busy}
        beforeUpload={(file) => {
          upload(file);
          return false;
        }}
      >
        <p style={{ fontSize: 16, margin: '12px 0' }}>
          {run.busy ? '正在导入…' : '点击或拖拽 .xlsx 文件到此处'}
        </p>
      </Upload.Dragger>
      {result && (
        <div style={{ marginTop: 16 }}>
          <Result
            status={result.errors.length ? 'warning' : 'success'}
            title={`新增 ${result.created} 人，更新 ${result.updated} 人`}
            style={{ padding: 12 }}
          />
          {result.errors.length > 0 && (
            <>
              <Alert type="warning" showIcon title={`${result.errors.length} 行未导入，请修改后重新上传`} />
              <Table<RowError & { key: number }>
                data-testid="dues-import-errors"
                size="small"
                dataSource={result.errors.map((e, key) => ({ ...e, key }))}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '列', dataIndex: 'column', width: 120, render: (v) => v ?? '—' },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
