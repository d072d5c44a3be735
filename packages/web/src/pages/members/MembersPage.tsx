import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Input, Popover, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { memberApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { AgeBand, Education, MemberFilter } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState } from '../../components/QueryState';
import { regionLabel, useRegions } from '../../components/regions';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { ageBandLabels, educationLabels, kindLabels, standingLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { useLocalState } from '../../lib/use-local-state';
import { defaultMemberColumns, type MemberColumnKey, memberColumnLabels, memberColumns } from './columns';

const filterKeys = [
  'q',
  'kind',
  'standing',
  'mobile',
  'lostContact',
  'education',
  'ageBand',
  'destinationProvince',
] as const;

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
const yesNo = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

/** Filters live in the URL so the dashboard can link to a filtered list and the back button works. */
export function useMemberFilter(): [
  MemberFilter,
  (patch: Partial<MemberFilter>) => void,
  number,
  number,
  (p: number, s: number) => void,
] {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(
    filterKeys.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])),
  ) as MemberFilter;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const setFilter = (patch: Partial<MemberFilter>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    next.delete('page');
    setParams(next, { replace: true });
  };
  const setPage = (p: number, s: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    next.set('pageSize', String(s));
    setParams(next, { replace: true });
  };
  return [filter, setFilter, page, pageSize, setPage];
}

function Filters({
  filter,
  onChange,
}: {
  filter: MemberFilter;
  onChange: (p: Partial<MemberFilter>) => void;
}) {
  const [q, setQ] = useState(filter.q ?? '');
  const { can } = useAuth();
  const regions = useRegions();
  const province = filter.destinationProvince;
  const provinceName = province
    ? (regions.data?.find((r) => r.value.startsWith(province.slice(0, 2)))?.label ?? province)
    : null;
  const select = (
    key: keyof MemberFilter,
    placeholder: string,
    opts: { value: string; label: string }[],
    width = 130,
  ) => (
    <Select
      allowClear
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width }}
      value={filter[key] ?? undefined}
      options={opts}
      onChange={(v) => onChange({ [key]: v ?? undefined })}
    />
  );
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        placeholder={can('member.reveal') ? '姓名 / 身份证号或后四位' : '姓名 / 完整身份证号'}
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => onChange({ q: v.trim() || undefined })}
        style={{ width: 230 }}
        aria-label="搜索党员"
      />
      {select('kind', '党员类型', options(kindLabels))}
      {select('standing', '党籍状态', options(standingLabels))}
      {select('mobile', '流动党员', yesNo, 110)}
      {select('lostContact', '失联党员', yesNo, 110)}
      {select('ageBand', '年龄段', options<AgeBand>(ageBandLabels))}
      {select('education', '学历', options<Education>(educationLabels))}
      {provinceName && (
        <Button onClick={() => onChange({ destinationProvince: undefined })}>流向：{provinceName} ✕</Button>
      )}
      <Button
        onClick={() => {
          setQ('');
          onChange(Object.fromEntries(filterKeys.map((k) => [k, undefined])));
        }}
      >
        重置
      </Button>
    </Space>
  );
}

function ColumnChooser({
  value,
  onChange,
}: {
  value: MemberColumnKey[];
  onChange: (v: MemberColumnKey[]) => void;
}) {
  return (
    <Popover
      trigger="click"
      title="选择显示的列"
      content={
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, width: 260 }}
          value={value}
          onChange={(v) => onChange(v.length ? (v as MemberColumnKey[]) : ['name'])}
          options={(Object.keys(memberColumnLabels) as MemberColumnKey[]).map((k) => ({
            value: k,
            label: memberColumnLabels[k],
            disabled: k === 'name',
          }))}
        />
      }
    >
      <Button>列设置</Button>
    </Popover>
  );
}

export default function MembersPage() {
  usePageTitle('党员管理');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const navigate = useNavigate();
  const regions = useRegions();
  const [filter, setFilter, page, pageSize, setPage] = useMemberFilter();
  const [shown, setShown] = useLocalState<MemberColumnKey[]>('dangjian.memberColumns', defaultMemberColumns);
  const query = { ...filter, orgId: org?.id };
  const list = useQuery({
    queryKey: keys.members.list(query, page, pageSize),
    queryFn: () => memberApi.list({ ...query, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(
    () =>
      memberColumns((code) => regionLabel(regions.data, code)).filter((c) =>
        shown.includes(c.key as MemberColumnKey),
      ),
    [regions.data, shown],
  );

  const exportXlsx = useFormMutation({
    mutate: (q: MemberFilter & { orgId?: string }) => memberApi.exportXlsx(q),
    success: '已导出当前筛选结果',
    errorToast: true,
  });

  return (
    <Card
      title={`党员名册${org ? ` · ${org.name}及下级` : ''}`}
      extra={
        <Space wrap>
          {can('member.write') && (
            <Button type="primary" onClick={() => navigate('/members/new')}>
              新增党员
            </Button>
          )}
          {can('member.import') && <Button onClick={() => navigate('/import')}>批量导入</Button>}
          {can('member.export') && can('member.reveal') && (
            <Button onClick={() => exportXlsx.submit(query)} loading={exportXlsx.busy}>
              导出 Excel
            </Button>
          )}
          <ColumnChooser value={shown} onChange={setShown} />
        </Space>
      }
    >
      <Filters key={filter.q ?? ''} filter={filter} onChange={setFilter} />
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isLoading ? '正在加载…' : '没有符合条件的党员' }}
          onRow={(m) => ({ onDoubleClick: () => navigate(`/members/${m.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 名党员`,
            onChange: setPage,
          }}
        />
      )}
    </Card>
  );
}
