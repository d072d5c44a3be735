import { Button, Select, Space, Table } from 'antd';
import { Link } from 'react-router-dom';
import type { ObligationKind, ObligationPage, ObligationRow, ObligationState } from '../../../api/types';
import { fulfilledText, periodLabel } from '../../../lib/format';
import { obligationKindLabels, obligationStateLabels, optionsOf } from '../../../lib/labels';
import { StateTag } from '../shared';

export type PageWindow = { page: number; pageSize: number };

/** The filters and the page of obligations they select. */
export function ObligationList({
  kinds,
  kind,
  state,
  onFilter,
  data,
  firstLoad,
  fetching,
  page,
  onPage,
}: {
  kinds: ObligationKind[];
  kind?: ObligationKind;
  state?: ObligationState;
  onFilter: (kind: ObligationKind | undefined, state: ObligationState | undefined) => void;
  data?: ObligationPage;
  firstLoad: boolean;
  fetching: boolean;
  page: PageWindow;
  onPage: (page: PageWindow) => void;
}) {
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="事项"
          aria-label="事项"
          style={{ width: 150 }}
          value={kind}
          options={kinds.map((k) => ({ value: k, label: obligationKindLabels[k] }))}
          onChange={(v) => onFilter(v, state)}
        />
        <Select
          allowClear
          placeholder="状态"
          aria-label="状态"
          style={{ width: 130 }}
          value={state}
          options={optionsOf(obligationStateLabels)}
          onChange={(v) => onFilter(kind, v)}
        />
        {(kind || state) && <Button onClick={() => onFilter(undefined, undefined)}>清除筛选</Button>}
      </Space>
      <Table<ObligationRow>
        rowKey={(r) => `${r.memberId ?? r.orgId}-${r.kind}-${r.period}`}
        size="middle"
        data-testid="alerts-table"
        loading={fetching}
        dataSource={data?.items ?? []}
        locale={{
          emptyText: firstLoad
            ? '正在加载…'
            : kind || state
              ? '没有符合条件的事项'
              : '没有应办事项（目前没有外出 3 个月以上的流动党员）',
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 项`,
          onChange: (p, s) => onPage({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'memberName',
            width: 110,
            // An organization's obligation names no member: the organization column says who owes it.
            render: (v: string | null, r) =>
              r.memberId ? <Link to={`/mobility/members/${r.memberId}`}>{v}</Link> : '—',
          },
          { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
          {
            title: '事项',
            dataIndex: 'kind',
            width: 130,
            render: (k: ObligationKind) => obligationKindLabels[k] ?? k,
          },
          { title: '期间', dataIndex: 'period', width: 130, render: periodLabel },
          { title: '截止日期', dataIndex: 'dueOn', width: 120 },
          {
            title: '状态',
            dataIndex: 'state',
            width: 110,
            render: (s: ObligationState) => <StateTag state={s} />,
          },
          {
            title: '完成情况',
            dataIndex: 'fulfilledOn',
            width: 140,
            render: (_: unknown, r) => fulfilledText(r) ?? '—',
          },
        ]}
      />
    </>
  );
}
