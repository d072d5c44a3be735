import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { staffInboxApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { StaffInboxItem } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { formatTime } from '../../lib/format';
import { label, obligationKindLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { Controls } from './Controls';

const muted = { color: '#8c8c8c', fontSize: 12 } as const;

/** What an organization owes (换届、书记、转正), besides the obligations of mobile members. */
const orgReminderLabels: Record<string, string> = {
  term_ended: '换届',
  term_ending: '换届',
  no_secretary: '班子配备',
  probation_overdue: '预备党员转正',
};
const templateLabel = (t: string) => orgReminderLabels[t] ?? label(obligationKindLabels, t);

/**
 * 工作提醒: what the daily computation found due or late for the staff of the selected organization
 * and below (一月一联系、一年一评议; 换届、书记、转正), the unread ones unless asked for all, each pointing at
 * where it is acted on: the member's ledger (一人一台账), the member's record, or the organization.
 */
export default function InboxPage() {
  usePageTitle('工作提醒');
  const { org } = useSelectedOrg();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'all' ? 'all' : 'unread';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize')))
    ? Number(params.get('pageSize'))
    : 20;
  const go = (next: { view?: string; page?: number; pageSize?: number }) => {
    const v = next.view ?? view;
    const p = next.page ?? 1;
    const s = next.pageSize ?? pageSize;
    setParams(
      {
        ...(v === 'all' ? { view: 'all' } : {}),
        ...(p > 1 ? { page: String(p) } : {}),
        ...(s !== 20 ? { pageSize: String(s) } : {}),
      },
      { replace: true },
    );
  };

  const q = useQuery({
    queryKey: keys.inbox.list(org?.id ?? null, view, page, pageSize),
    queryFn: () => staffInboxApi.list({ orgId: org?.id, unread: view === 'unread', page, pageSize }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });

  // Another organization chosen in the tree: start again from its first page.
  const shownOrg = useRef(org?.id);
  // A page left empty (the last unread ones on it just read): step back to the last page there is.
  const lastPage = q.data ? Math.max(1, Math.ceil(q.data.total / pageSize)) : page;
  useEffect(() => {
    if (shownOrg.current !== org?.id) {
      shownOrg.current = org?.id;
      if (page > 1) go({ page: 1 });
    } else if (!q.isPlaceholderData && page > lastPage) go({ page: lastPage });
  });

  const refresh = () => qc.invalidateQueries({ queryKey: keys.inbox.all });
  const markRead = useMutation({
    mutationFn: (id: string) => staffInboxApi.markRead(id),
    onError: (e) => message.error(errorMessage(e)),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => staffInboxApi.markAllRead(org?.id),
    onSuccess: (r) => message.success(r.updated ? `已将 ${r.updated} 条提醒标为已读` : '没有未读的提醒'),
    onError: (e) => message.error(errorMessage(e)),
    onSettled: refresh,
  });
  const unread = q.data?.unread ?? 0;
  const scopeName = org ? `${org.name}及下级` : '全部组织';

  const title = (r: StaffInboxItem) => (
    <div>
      <Space size={6} wrap>
        {!r.readAt && (
          <span
            aria-hidden
            style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: '#c8161d' }}
          />
        )}
        <Typography.Text strong={!r.readAt} type={r.readAt ? 'secondary' : undefined}>
          {r.title}
        </Typography.Text>
        {!r.readAt && <Tag color="red">未读</Tag>}
        {r.template && <Tag>{templateLabel(r.template)}</Tag>}
      </Space>
      <div style={{ marginTop: 4, color: r.readAt ? '#8c8c8c' : undefined, whiteSpace: 'normal' }}>
        {r.body}
      </div>
      {narrow && (
        <div style={{ ...muted, marginTop: 4 }}>
          {r.orgName} · {formatTime(r.createdAt)}
        </div>
      )}
    </div>
  );

  // Reminders about a member lead to the ledger (mobile members) or the member's record (转正);
  // those about the organization itself to the organization, where terms and posts are kept.
  const target = (r: StaffInboxItem) =>
    r.template === 'probation_overdue'
      ? `/members/${r.aboutMemberId}`
      : r.aboutMemberId
        ? `/mobility/members/${r.aboutMemberId}`
        : `/orgs/${r.orgId}`;
  const memberLink = (r: StaffInboxItem) =>
    r.aboutMemberId || (r.template && r.template in orgReminderLabels) ? (
      <Link
        to={target(r)}
        // Going to the member's ledger to act on it counts as having read the reminder.
        onClick={() => {
          if (!r.readAt) markRead.mutate(r.id);
        }}
      >
        {r.aboutMemberName ?? (r.aboutMemberId ? '查看党员' : '查看组织')}
      </Link>
    ) : (
      '—'
    );

  const markButton = (r: StaffInboxItem) =>
    r.readAt ? (
      <span style={muted}>已读</span>
    ) : (
      <LinkButton
        loading={markRead.isPending && markRead.variables === r.id}
        onClick={() => markRead.mutate(r.id)}
      >
        标为已读
      </LinkButton>
    );

  const controls = (
    <Controls
      view={view}
      unread={unread}
      scopeName={scopeName}
      busy={markAll.isPending}
      onView={(v) => go({ view: v })}
      onMarkAll={() => markAll.mutate()}
    />
  );
  return (
    <Card
      title={`工作提醒 · ${scopeName}`}
      styles={narrow ? { body: { padding: 12 } } : undefined}
      extra={narrow ? null : controls}
    >
      {narrow && <div style={{ marginBottom: 12 }}>{controls}</div>}
      <QueryState query={q}>
        {(data) => (
          <Table<StaffInboxItem>
            rowKey="id"
            size="middle"
            data-testid="inbox-table"
            loading={q.isFetching && q.isPlaceholderData}
            dataSource={data.items}
            showHeader={!narrow}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    view === 'unread' && data.total === 0 ? (
                      <>
                        没有未读的工作提醒
                        <div>
                          <LinkButton onClick={() => go({ view: 'all' })}>查看全部提醒</LinkButton>
                        </div>
                      </>
                    ) : (
                      <>
                        没有工作提醒
                        <div style={muted}>
                          提醒由每日计算生成：流动党员本月未联系、年度评议未完成，任期届满、未设书记、预备期满未讨论转正时，在此提醒本组织工作人员。
                        </div>
                      </>
                    )
                  }
                />
              ),
            }}
            pagination={
              data.total === 0
                ? false
                : {
                    current: page,
                    pageSize,
                    total: data.total,
                    showSizeChanger: !narrow,
                    size: narrow ? 'small' : undefined,
                    showTotal: narrow ? undefined : (t) => `共 ${t} 条`,
                    onChange: (p, s) => go({ page: s === pageSize ? p : 1, pageSize: s }),
                  }
            }
            columns={
              narrow
                ? [
                    { key: 'reminder', render: (_, r) => title(r) },
                    {
                      key: 'op',
                      width: 92,
                      align: 'right',
                      render: (_, r) => (
                        <Space orientation="vertical" size={4} align="end">
                          {memberLink(r)}
                          {markButton(r)}
                        </Space>
                      ),
                    },
                  ]
                : [
                    { title: '提醒', key: 'reminder', render: (_, r) => title(r) },
                    { title: '对象', key: 'member', width: 110, render: (_, r) => memberLink(r) },
                    { title: '所属组织', dataIndex: 'orgName', width: 180 },
                    {
                      title: '时间',
                      dataIndex: 'createdAt',
                      width: 150,
                      render: (v: string) => formatTime(v),
                    },
                    { title: '操作', key: 'op', width: 90, render: (_, r) => markButton(r) },
                  ]
            }
          />
        )}
      </QueryState>
    </Card>
  );
}
