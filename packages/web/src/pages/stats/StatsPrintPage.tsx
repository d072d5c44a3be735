import { Button, Space } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PrintSheet, PrintStyle } from '../../components/print';
import { QueryState } from '../../components/QueryState';
import { useRegions } from '../../components/regions';
import { useSelectedOrg } from '../../console/selected-org';
import { todayIso } from '../../lib/format';
import { ageBandLabels, locationLabels, statsEducationLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { useMemberStats } from './use-member-stats';

type Rows = [string, number][];

const percent = (n: number, total: number) => (total > 0 ? `${((n / total) * 100).toFixed(1)}%` : '—');

/** `after` lines are parts of the total shown below it, e.g. 失联 members, who are also normal or stopped. */
function CountTable({
  title,
  head,
  rows,
  after = [],
}: {
  title: string;
  head: string;
  rows: Rows;
  after?: Rows;
}) {
  const total = rows.reduce((s, [, n]) => s + n, 0);
  return (
    <div style={{ breakInside: 'avoid', marginBottom: 16 }}>
      <h2 style={{ fontSize: 16, margin: '12px 0 6px' }}>{title}</h2>
      <table className="print-table">
        <thead>
          <tr>
            <th>{head}</th>
            <th style={{ width: 90 }}>人数</th>
            <th style={{ width: 90 }}>占比</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, n]) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{n}</td>
              <td>{percent(n, total)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <strong>合计</strong>
            </td>
            <td>
              <strong>{total}</strong>
            </td>
            <td>{total > 0 ? '100.0%' : '—'}</td>
          </tr>
          {after.map(([label, n]) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{n}</td>
              <td>{percent(n, total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The statistics as a county asks for them on paper: whose, as of which day, every table of the
 * dashboard with counts and shares (the same figures as the Excel export).
 */
/** A count table's rows in the order of its labels. */
const countRows = <K extends string>(labels: Record<K, string>, counts: Record<K, number>) =>
  (Object.keys(labels) as K[]).map((k) => [labels[k], counts[k]] as [string, number]);

export default function StatsPrintPage() {
  usePageTitle('打印党员统计');
  const { org } = useSelectedOrg();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? todayIso();
  const regions = useRegions();
  const both = useMemberStats(org?.id, asOf);
  const province = (code: string | null) =>
    (code && regions.data?.find((r) => r.value === code)?.label) ?? code ?? '境外或不详';
  return (
    <div>
      <PrintStyle />
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(`/stats?asOf=${asOf}`)}>返回统计</Button>
        <Button type="primary" onClick={() => window.print()} data-testid="print-button">
          打印
        </Button>
      </Space>
      <QueryState query={both}>
        {({ stats: s, dest: d }) => (
          <PrintSheet
            title="党员队伍统计表"
            meta={[
              `党组织：${org ? `${org.name}及下级` : '全部党组织'}`,
              `统计日期：${asOf}`,
              `党员总数：${s.total} 名　流动党员：${d.reduce((n, x) => n + x.count, 0)} 名`,
            ]}
          >
            <CountTable
              title="一、年龄结构"
              head={`年龄（按 ${asOf} 计算）`}
              rows={countRows(ageBandLabels, s.ageBands)}
            />
            <CountTable
              title="二、学历结构"
              head="学历"
              rows={countRows(statsEducationLabels, s.education)}
            />
            <CountTable
              title="三、所在地分布"
              head="所在地（相对本组织所在地）"
              rows={countRows(locationLabels, s.location)}
            />
            <CountTable
              title="四、流动党员流向（按省份）"
              head="流向省份"
              rows={d.map((x) => [province(x.provinceCode), x.count])}
            />
            <CountTable
              title="五、党籍状态"
              head="党籍状态"
              rows={[
                ['正常', s.standing.normal],
                ['停止党籍', s.standing.stopped],
              ]}
              after={[['其中：失联党员', s.standing.lostContact]]}
            />
            <p style={{ marginTop: 24 }}>
              填报单位（盖章）：____________　　填报人：________　　审核人：________
            </p>
          </PrintSheet>
        )}
      </QueryState>
    </div>
  );
}
