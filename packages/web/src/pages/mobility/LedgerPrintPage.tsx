import { outflowReasonLabels, outflowReasons } from '@dangjian/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Segmented, Select, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { type LedgerPrintQuery, printApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { OutflowReason } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { PrintSheet, PrintStyle } from '../../components/print';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { usePageTitle } from '../../lib/title';

const columns = [
  '序号',
  '姓名',
  '性别',
  '所在党组织',
  '外出时间',
  '外出地点（流向）',
  '流入党组织',
  '外出原因',
  '联系方式',
  '活动证（证明信）编号',
  '预计返回',
];

/**
 * 外出党员登记簿 as the paper book prints it (A4 landscape): search and filter on screen, then the
 * browser's print or an Excel file of the same rows. The server audits every reading of it.
 */
export default function LedgerPrintPage() {
  usePageTitle('打印外出党员登记簿');
  const { org } = useSelectedOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'returned' ? 'returned' : 'open';
  const reason = (params.get('reason') as OutflowReason | null) ?? undefined;
  const q = params.get('q') ?? '';
  const filter: LedgerPrintQuery = { orgId: org?.id, status, reason, q: q || undefined };
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const ledger = useQuery({
    queryKey: keys.mobility.ledgerPrint(filter),
    queryFn: () => printApi.ledger(filter),
    placeholderData: keepPreviousData,
  });
  const exportXlsx = useFormMutation({ mutate: printApi.exportLedger, errorToast: true });

  return (
    <div>
      <PrintStyle landscape />
      <Space wrap className="no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate('/mobility')}>返回台账</Button>
        <Segmented
          value={status}
          options={[
            { value: 'open', label: '在外' },
            { value: 'returned', label: '已返回' },
          ]}
          onChange={(v) => set('status', v === 'returned' ? 'returned' : undefined)}
        />
        <Input.Search
          allowClear
          aria-label="按姓名查找"
          placeholder="按姓名查找"
          defaultValue={q}
          onSearch={(v) => set('q', v.trim() || undefined)}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          aria-label="外出原因"
          placeholder="外出原因"
          value={reason}
          onChange={(v) => set('reason', v)}
          options={outflowReasons.map((r) => ({ value: r, label: outflowReasonLabels[r] }))}
          style={{ width: 140 }}
        />
        <Button type="primary" onClick={() => window.print()} data-testid="print-button">
          打印
        </Button>
        <Button
          loading={exportXlsx.busy}
          onClick={() => exportXlsx.submit(filter)}
          data-testid="export-ledger"
        >
          导出 Excel
        </Button>
      </Space>
      <QueryState query={ledger}>
        {(data) => (
          <PrintSheet
            title={`外出党员登记簿（${status === 'returned' ? '已返回' : '在外'}）`}
            meta={[
              `党组织：${data.orgName}${org ? '及下级' : ''}`,
              `截至：${data.asOf}`,
              `共 ${data.items.length} 人次`,
            ]}
          >
            <table className="print-table" data-testid="ledger-print-table">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <tr>
                    <td colSpan={columns.length} style={{ textAlign: 'center', padding: 24 }}>
                      没有符合条件的外出记录
                    </td>
                  </tr>
                ) : (
                  data.items.map((r, i) => (
                    <tr key={r.episodeId}>
                      <td>{i + 1}</td>
                      <td>{r.memberName}</td>
                      <td>{r.gender}</td>
                      <td>{r.originOrgName}</td>
                      <td>{r.leftOn}</td>
                      <td>{r.destination}</td>
                      <td>{r.inflowOrgName ?? ''}</td>
                      <td>{r.reason}</td>
                      <td>{r.contact ?? ''}</td>
                      <td>{r.document}</td>
                      <td>{r.returnedOn ? `已于 ${r.returnedOn} 返回` : r.expectedReturnOn}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
            {!data.revealed && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
                联系方式已部分隐去（完整号码须有查看个人信息的权限）。
              </Typography.Paragraph>
            )}
          </PrintSheet>
        )}
      </QueryState>
    </div>
  );
}
