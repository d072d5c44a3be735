import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesAssessment } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { useAuth } from '../../lib/auth';
import { duesCategoryLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { AssessModal } from './assessments/AssessModal';
import { AssessmentDrawer } from './assessments/AssessmentDrawer';
import { BatchModal } from './assessments/BatchModal';
import { ImportBasesModal } from './assessments/ImportBasesModal';
import { monthLabel, ratePercent, yuan } from './labels';
import { NeedsOrg, useYearParam, YearPicker } from './shared';

type Dialog =
  | { kind: 'batch' }
  | { kind: 'import' }
  | { kind: 'assess'; member: { memberId: string; memberName: string } }
  | { kind: 'detail'; assessment: DuesAssessment }
  | null;

function YearTable({ org, year }: { org: { id: string; name: string }; year: number }) {
  const { can } = useAuth();
  const writable = can('dues.write');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [...keys.dues.assessments(org.id, year), page],
    queryFn: () => duesApi.assessments({ orgId: org.id, year, page, pageSize: 50 }),
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const unassessed = q.data?.unassessed ?? [];
  return (
    <Card
      title={`${year} 年党费核定 · ${org.name}及下级`}
      extra={
        writable && (
          <Space wrap>
            <Button type="primary" onClick={() => setDialog({ kind: 'batch' })}>
              按上年基数批量核定
            </Button>
            <Button onClick={() => setDialog({ kind: 'import' })}>导入基数（.xlsx）</Button>
          </Space>
        )
      }
    >
      {writable && unassessed.length > 0 && (
        <div data-testid="unassessed" style={{ marginBottom: 16 }}>
          <Typography.Text type="warning">尚未核定 {unassessed.length} 人：</Typography.Text>
          <Space wrap size={4}>
            {unassessed.map((m) => (
              <Button key={m.memberId} size="small" onClick={() => setDialog({ kind: 'assess', member: m })}>
                核定 {m.memberName}
              </Button>
            ))}
          </Space>
        </div>
      )}
      <Table<DuesAssessment>
        rowKey="id"
        size="middle"
        data-testid="assessment-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        onRow={(r) => ({
          onClick: () => setDialog({ kind: 'detail', assessment: r }),
          style: { cursor: 'pointer' },
        })}
        pagination={{
          current: page,
          pageSize: 50,
          total: q.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
          showTotal: (t) => `已核定 ${t} 人`,
        }}
        locale={{ emptyText: q.isLoading ? '正在加载…' : `还没有 ${year} 年的核定记录` }}
        columns={[
          { title: '姓名', dataIndex: 'memberName' },
          { title: '所在组织', dataIndex: 'orgName' },
          { title: '类别', dataIndex: 'category', render: (c: string) => duesCategoryLabels[c] },
          { title: '计算基数', dataIndex: 'base', align: 'right', render: yuan },
          { title: '比例', dataIndex: 'rate', align: 'right', render: ratePercent },
          {
            title: '每月应交',
            dataIndex: 'monthlyAmount',
            align: 'right',
            render: (v: string, r) => (
              <span>
                {yuan(v)}
                {r.capped && <Tag style={{ marginLeft: 4 }}>上限</Tag>}
              </span>
            ),
          },
          {
            title: '起交',
            dataIndex: 'fromMonth',
            render: (m: string, r) => (
              <span>
                {monthLabel(m)}
                {r.reason && (
                  <Tag color="orange" style={{ marginLeft: 4 }}>
                    年中调整
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
      {dialog?.kind === 'batch' && <BatchModal org={org} year={year} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import' && (
        <ImportBasesModal org={org} year={year} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'assess' && (
        <AssessModal member={dialog.member} year={year} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'detail' && (
        <AssessmentDrawer assessment={dialog.assessment} onClose={() => setDialog(null)} />
      )}
    </Card>
  );
}

/** 年度核定: the year's table, the batch from last year, the import of bases, and one member's detail. */
export default function AssessmentsPage() {
  usePageTitle('党费年度核定');
  const [year, setYear] = useYearParam();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <YearPicker value={year} onChange={setYear} />
      <NeedsOrg>{(org) => <YearTable org={org} year={year} />}</NeedsOrg>
    </Space>
  );
}
