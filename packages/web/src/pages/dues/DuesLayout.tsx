import { useQuery } from '@tanstack/react-query';
import { Badge, Tabs } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { PageLoading } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';

const tabs = [
  { key: '/dues', label: '本月收缴' },
  { key: '/dues/confirm', label: '党员提交' },
  { key: '/dues/assessments', label: '年度核定' },
  { key: '/dues/reliefs', label: '少交免交' },
  { key: '/dues/remittances', label: '上缴' },
  { key: '/dues/publications', label: '公布' },
  { key: '/dues/arrears', label: '欠缴' },
  { key: '/dues/mobile', label: '流动党员' },
  { key: '/dues/rates', label: '收缴率' },
];

/** The 党费 section: one menu entry, its pages as tabs; the badge counts payments members submitted. */
export default function DuesLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { org } = useSelectedOrg();
  const submitted = useQuery({
    queryKey: keys.dues.payments(org?.id, 'submitted'),
    queryFn: () => duesApi.payments({ orgId: org!.id, status: 'submitted', pageSize: 100 }),
    enabled: !!org,
    staleTime: 30_000,
    refetchOnWindowFocus: true,
    refetchInterval: 3 * 60_000,
  });
  const active = tabs.find((t) => t.key !== '/dues' && pathname.startsWith(t.key))?.key ?? '/dues';
  const waiting = submitted.data?.total ?? 0;
  return (
    <div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key)}
        style={{ marginBottom: 4 }}
        items={tabs.map((t) => ({
          key: t.key,
          label:
            t.key === '/dues/confirm' && waiting > 0 ? (
              <Badge count={waiting} size="small" offset={[8, -2]}>
                {t.label}
              </Badge>
            ) : (
              t.label
            ),
        }))}
      />
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </div>
  );
}
