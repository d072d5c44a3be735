import { Tabs } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PageLoading } from '../../components/QueryState';

const tabs = [
  { key: '/meetings', label: '会议日历' },
  { key: '/meetings/compliance', label: '落实情况' },
  { key: '/meetings/leave', label: '请假审批' },
  { key: '/meetings/exemptions', label: '免于参加' },
  { key: '/meetings/escalations', label: '预警与警戒' },
];

/** The 组织生活 section: one menu entry, its pages as tabs (a meeting's own page sits under 会议日历). */
export default function MeetingsLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = tabs.find((t) => t.key !== '/meetings' && pathname.startsWith(t.key))?.key ?? '/meetings';
  return (
    <div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key)}
        style={{ marginBottom: 4 }}
        items={tabs.map((t) => ({ key: t.key, label: t.label }))}
      />
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </div>
  );
}
