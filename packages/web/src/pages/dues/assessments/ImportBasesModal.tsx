import { Alert, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { duesApi } from '../../../api/endpoints';
import type { DuesAssessmentImportResult } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { duesWrites } from '../shared';

type RowError = DuesAssessmentImportResult['errors'][number];

/** The rows a refused file was refused for (IMPORT_INVALID carries them in its details). */
const rowErrorsOf = (err: unknown): RowError[] | null => {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID') return null;
  const errors = (err.details as { errors?: RowError[] } | undefined)?.errors;
  return Array.isArray(errors) ? errors : null;
};

/** Bases from an .xlsx (姓名, 身份证号, 类别, 计算基数): all or nothing, every wrong row listed. */
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
  const [result, setResult] = useState<DuesAssessmentImportResult | null>(null);
  const run = useFormMutation({
    mutate: (file: File) => duesApi.importBases(org.id, year, file),
    invalidate: duesWrites,
    onDone: setResult,
  });
  const rowErrors = rowErrorsOf(run.error);
  const upload = (file: File) => {
    setResult(null);
    run.reset();
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setProblem(new Error('请上传 .xlsx 格式的文件'));
      return;
    }
    setProblem(null);
    run.submit(file);
  };
  return (
    <Modal open width={720} title={`导入 ${year} 年党费基数：${org.name}`} footer={null} onCancel={onClose}>
      <InlineError error={problem ?? run.error} />
      <Typography.Paragraph type="secondary">
        表格列：姓名、身份证号、类别（如“在职”“离退休”“农民”）、计算基数（元/月，定额类别可不填）。有错误的文件整份拒绝；本年已核定的党员不能再导入，年内调整请在明细中逐人填写原因。
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
        <Result
          status="success"
          title={`已核定 ${result.created} 人`}
          style={{ padding: 12 }}
          data-testid="dues-import-result"
        />
      )}
      {rowErrors && rowErrors.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <Alert type="warning" showIcon title="请按下表修改后重新上传整个文件" />
          <Table<RowError & { key: number }>
            data-testid="dues-import-errors"
            size="small"
            dataSource={rowErrors.map((e, key) => ({ ...e, key }))}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              { title: '列', dataIndex: 'column', width: 120, render: (v) => v ?? '—' },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
