import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Calendar, Card, Col, Empty, List, Row, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { meetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { MeetingListItem } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { meetingStatusLabels, meetingTypeLabels } from '../../lib/meeting-labels';
import { usePageTitle } from '../../lib/title';
import { PlanModal } from './PlanModal';
import { MeetingTypeTag } from './shared';

/** The month of the page from `?month=YYYY-MM`, this month by default. */
function monthOf(params: URLSearchParams): Dayjs {
  const m = params.get('month');
  const d = m && /^\d{4}-\d{2}$/.test(m) ? dayjs(`${m}-01`) : dayjs();
  return d.startOf('month');
}

function MeetingLine({ m }: { m: MeetingListItem }) {
  return (
    <List.Item
      data-testid={`meeting-${m.id}`}
      extra={
        m.status === 'held' ? (
          <Typography.Text type="secondary">
            到会 {m.attending}/{m.expected}
          </Typography.Text>
        ) : null
      }
    >
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            <span>{m.heldOn}</span>
            <MeetingTypeTag type={m.type} />
            <Tag color={m.status === 'held' ? 'green' : 'default'}>{meetingStatusLabels[m.status]}</Tag>
            {m.late && <Tag color="orange">补记</Tag>}
          </Space>
        }
        description={
          <Link to={`/meetings/${m.id}`}>
            {m.topic}
            <Typography.Text type="secondary"> · {m.orgName}</Typography.Text>
          </Link>
        }
      />
    </List.Item>
  );
}

/** 会议日历: the planned and held meetings of the selected organization's month, and the two ways to add one. */
export default function CalendarPage() {
  usePageTitle('会议日历');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const month = monthOf(params);
  const [planning, setPlanning] = useState<string | null>(null);
  const from = month.format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: keys.meetings.list(org?.id, from, to),
    queryFn: () => meetingsApi.list({ orgId: org?.id, from, to, status: 'all', pageSize: 200 }),
  });
  const items = [...(q.data?.items ?? [])].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const byDay = new Map<string, MeetingListItem[]>();
  for (const m of items) byDay.set(m.heldOn, [...(byDay.get(m.heldOn) ?? []), m]);

  const writable = can('meeting.write');
  const noOrg = { allowed: false, reason: '请先在左侧选择党支部' };
  const add = org ? { allowed: true, reason: null } : noOrg;
  const guarded = (label: string, onClick: () => void, testId: string, primary = false) => {
    const button = (
      <Button
        type={primary ? 'primary' : 'default'}
        disabled={!add.allowed}
        onClick={onClick}
        data-testid={testId}
      >
        {label}
      </Button>
    );
    return add.allowed ? button : <Tooltip title={add.reason}>{button}</Tooltip>;
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card
          title={`会议日历${org ? ` · ${org.name}` : ''}`}
          extra={
            writable && (
              <Space wrap>
                {guarded(
                  '计划会议',
                  () => setPlanning(month.isBefore(dayjs(), 'month') ? dayjs().format('YYYY-MM-DD') : from),
                  'plan-meeting',
                )}
                {guarded(
                  '登记会议',
                  () => navigate(`/meetings/new?orgId=${org?.id}`),
                  'record-meeting',
                  true,
                )}
              </Space>
            )
          }
        >
          {q.error ? (
            <ErrorState error={q.error} onRetry={() => q.refetch()} />
          ) : (
            <Calendar
              value={month}
              onPanelChange={(d) => setParams({ month: d.format('YYYY-MM') }, { replace: true })}
              onSelect={(d, info) => {
                if (info.source === 'date' && writable && org && !d.isBefore(dayjs(), 'day')) {
                  setPlanning(d.format('YYYY-MM-DD'));
                }
              }}
              cellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const day = byDay.get(d.format('YYYY-MM-DD')) ?? [];
                return (
                  <div>
                    {day.map((m) => (
                      <div key={m.id}>
                        <Link
                          to={`/meetings/${m.id}`}
                          onClick={(e) => e.stopPropagation()}
                          title={`${meetingTypeLabels[m.type]}：${m.topic}`}
                        >
                          <Badge
                            status={m.status === 'held' ? 'success' : 'default'}
                            text={meetingTypeLabels[m.type]}
                          />
                        </Link>
                      </div>
                    ))}
                  </div>
                );
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={`${month.format('YYYY年M月')}的会议`} loading={q.isLoading}>
          {items.length === 0 ? (
            <Empty description="本月没有计划或召开的会议" />
          ) : (
            <List
              size="small"
              dataSource={items}
              renderItem={(m) => <MeetingLine m={m} />}
              data-testid="month-meetings"
            />
          )}
        </Card>
      </Col>
      {planning && org && <PlanModal org={org} plannedOn={planning} onClose={() => setPlanning(null)} />}
    </Row>
  );
}
