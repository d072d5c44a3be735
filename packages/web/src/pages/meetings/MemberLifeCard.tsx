import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { meetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { Escalation, EscalationKind, MemberAttendance } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { attendanceStatusLabels, escalationCauseLabels } from '../../lib/meeting-labels';
import { AttendanceTag, EscalationTag, MeetingTypeTag } from './shared';

type Item = MemberAttendance['items'][number];
const countKeys = ['expected', 'present', 'online', 'late', 'excused', 'absent'] as const;
const countLabels: Record<(typeof countKeys)[number], string> = {
  expected: '应参加',
  ...attendanceStatusLabels,
};

/** 组织生活 on the member's page: this year's attendance counts, the meetings, and the escalations. */
export function MemberLifeCard({ memberId }: { memberId: string }) {
  const year = dayjs().year();
  const attendance = useQuery({
    queryKey: [...keys.meetings.ofMember(memberId, year), 'attendance'],
    queryFn: () => meetingsApi.memberAttendance(memberId, year),
  });
  const escalations = useQuery({
    queryKey: [...keys.meetings.ofMember(memberId, year), 'escalations'],
    queryFn: () => meetingsApi.memberEscalations(memberId, year),
  });
  return (
    <div data-testid="member-life">
      <Card size="small" title={`${year} 年组织生活`}>
        <QueryState query={attendance}>
          {(a) => (
            <>
              <Row gutter={16} style={{ marginBottom: 12 }}>
                {countKeys.map((k) => (
                  <Col key={k} xs={8} md={4}>
                    <Statistic title={countLabels[k]} value={a.counts[k]} suffix="次" />
                  </Col>
                ))}
              </Row>
              <Table<Item>
                rowKey="meetingId"
                size="small"
                dataSource={a.items}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                locale={{ emptyText: '本年度没有应参加的会议' }}
                columns={[
                  { title: '日期', dataIndex: 'heldOn', width: 110 },
                  {
                    title: '类型',
                    dataIndex: 'type',
                    render: (t: Item['type']) => <MeetingTypeTag type={t} />,
                  },
                  {
                    title: '主题',
                    dataIndex: 'topic',
                    render: (v: string, r) => <Link to={`/meetings/${r.meetingId}`}>{v}</Link>,
                  },
                  { title: '党组织', dataIndex: 'orgName', ellipsis: true },
                  {
                    title: '出勤',
                    dataIndex: 'status',
                    render: (s: Item['status']) => <AttendanceTag status={s} />,
                  },
                ]}
              />
            </>
          )}
        </QueryState>
      </Card>
      <Card size="small" title="预警与警戒" style={{ marginTop: 12 }}>
        <QueryState
          query={escalations}
          isEmpty={(e) => e.items.length === 0}
          empty={<Empty description="本年度没有预警或警戒" />}
        >
          {(e) => (
            <Table<Escalation>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={e.items}
              columns={[
                {
                  title: '类型',
                  dataIndex: 'kind',
                  render: (k: EscalationKind) => <EscalationTag kind={k} />,
                },
                { title: '日期', dataIndex: 'createdOn' },
                {
                  title: '原因',
                  dataIndex: 'cause',
                  render: (c: Escalation['cause']) => escalationCauseLabels[c],
                },
                { title: '文书编号', dataIndex: 'number', render: (v: string | null) => v ?? '' },
                {
                  title: '文书',
                  key: 'doc',
                  render: (_: unknown, r) => (
                    <a href={meetingsApi.escalationDocumentUrl(r.id)} target="_blank" rel="noreferrer">
                      打印
                    </a>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </div>
  );
}
