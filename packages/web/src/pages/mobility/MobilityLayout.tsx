import { useQuery } from '@tanstack/react-query';
import { Badge, Tabs } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { PageLoading } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';

const tabs = [
  { key: '/mobility', label: '外出台账' },
  { key: '/mobility/alerts', label: '预警' },
  { key: '/mobility/reports', label: '思想汇报' },
  { key: '/mobility/inflows', label: '流入党员' },
  { key: '/mobility/lost', label: '失联党员' },
  { key: '/mobility/stats', label: '流动统计', permission: 'stats.read' },
];

/** The 流动党员 section: one menu entry, its pages as tabs. */
export default function MobilityLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { org } = useSelectedOrg();
  const pending = useQuery({
    queryKey: keys.mobility.reports(org?.id, 'pending'),
    queryFn: () => mobilityApi.reports({ orgId: org?.id, pending: true }),
    staleTime: 30_000,
  });
  const active = tabs.find((t) => t.key !== '/mobility' && pathname.startsWith(t.key))?.key ?? '/mobility';
  const unread = pending.data?.items.length ?? 0;
  return (
    <div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key)}
        style={{ marginBottom: 4 }}
        items={tabs
          .filter((t) => !t.permission || can(t.permission))
          .map((t) => ({
            key: t.key,
            label:
              t.key === '/mobility/reports' && unread > 0 ? (
                <Badge count={unread} size="small" offset={[8, -2]}>
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
