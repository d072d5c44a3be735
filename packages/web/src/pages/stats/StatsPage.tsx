import { Button, Card, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { printApi } from '../../api/endpoints';
import { useFormMutation } from '../../api/use-form-mutation';
import { QueryState } from '../../components/QueryState';
import { useRegions } from '../../components/regions';
import { useSelectedOrg } from '../../console/selected-org';
import { todayIso } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { Dashboard } from './StatsDashboard';
import { useMemberStats } from './use-member-stats';

export default function StatsPage() {
  usePageTitle('统计分析');
  const { org } = useSelectedOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // 统计日期: ages are counted on this day (API.md asOf), so a county's cut-off date can be answered.
  const asOf = params.get('asOf') ?? todayIso();
  const regions = useRegions();
  const both = useMemberStats(org?.id, asOf);
  const exportXlsx = useFormMutation({
    mutate: (v: { orgId: string | undefined; asOf: string }) => printApi.exportStats(v.orgId, v.asOf),
    errorToast: true,
  });
  return (
    <Card
      title={`党员队伍统计${org ? ` · ${org.name}及下级` : ''}`}
      extra={
        <Space wrap>
          <span>统计日期</span>
          <DatePicker
            aria-label="统计日期"
            allowClear={false}
            value={dayjs(asOf)}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => d && setParams({ asOf: d.format('YYYY-MM-DD') }, { replace: true })}
          />
          <Button
            loading={exportXlsx.busy}
            onClick={() => exportXlsx.submit({ orgId: org?.id, asOf })}
            data-testid="export-stats"
          >
            导出 Excel
          </Button>
          <Button onClick={() => navigate(`/stats/print?asOf=${asOf}`)} data-testid="print-stats">
            打印
          </Button>
        </Space>
      }
    >
      <QueryState query={both}>
        {(d) => <Dashboard stats={d.stats} destinations={d.dest} regions={regions.data} />}
      </QueryState>
    </Card>
  );
}
