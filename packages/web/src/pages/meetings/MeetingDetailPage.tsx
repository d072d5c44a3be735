import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { meetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { MeetingAttendanceRow, MeetingDetail, SignInOpened } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { InlineError, QueryState } from '../../components/QueryState';
import { formatTime, parseTime } from '../../lib/format';
import { leaveReasonLabels, meetingStatusLabels } from '../../lib/meeting-labels';
import { usePageTitle } from '../../lib/title';
import { Attachments } from './Attachments';
import { AttendanceEditor, type AttendanceMarks, marked } from './AttendanceEditor';
import { QuorumText } from './QuorumText';
import { SignInPanel } from './SignInPanel';
import { AbilityButton, AttendanceTag, MeetingTypeTag, meetingWrites } from './shared';

const marksOf = (rows: MeetingAttendanceRow[]): AttendanceMarks =>
  Object.fromEntries(
    rows.map((r) => [r.memberId, { status: r.status ?? undefined, leaveReason: r.leaveReason ?? undefined }]),
  );

function Attendance({ meeting }: { meeting: MeetingDetail }) {
  const [editing, setEditing] = useState(false);
  const [marks, setMarks] = useState<AttendanceMarks>({});
  const save = useFormMutation({
    mutate: (m: AttendanceMarks) => meetingsApi.updateAttendance(meeting.id, marked(m)),
    success: (r) =>
      r.escalations > 0 ? `已保存出勤，产生 ${r.escalations} 条预警或警戒` : `已保存 ${r.updated} 人的出勤`,
    invalidate: meetingWrites,
    onDone: () => setEditing(false),
  });
  const editable = meeting.status === 'held';
  return (
    <Card
      title={`出勤情况（应到 ${meeting.attendance.length} 人）`}
      style={{ marginTop: 16 }}
      extra={
        editable &&
        (editing ? (
          <Space>
            <Button onClick={() => setEditing(false)}>取消</Button>
            <Button
              type="primary"
              loading={save.busy}
              disabled={marked(marks).length === 0}
              onClick={() => save.submit(marks)}
              data-testid="attendance-save"
            >
              保存出勤
            </Button>
          </Space>
        ) : (
          <AbilityButton
            ability={meeting.abilities.record}
            onClick={() => {
              setMarks(marksOf(meeting.attendance));
              save.reset();
              setEditing(true);
            }}
            data-testid="attendance-edit"
          >
            修改出勤
          </AbilityButton>
        ))
      }
    >
      <InlineError error={save.error} />
      {editing ? (
        <AttendanceEditor
          attendees={meeting.attendance.map((r) => ({
            memberId: r.memberId,
            name: r.name,
            guest: r.guest,
            signedIn: Boolean(r.signedInAt),
          }))}
          marks={marks}
          onChange={setMarks}
        />
      ) : (
        <Table<MeetingAttendanceRow>
          rowKey="memberId"
          size="small"
          data-testid="attendance"
          dataSource={meeting.attendance}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '没有应参会党员' }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              render: (v: string, r) => (
                <Space size={4}>
                  <Link to={`/members/${r.memberId}`}>{v}</Link>
                  {r.guest && <Tag color="blue">外单位</Tag>}
                </Space>
              ),
            },
            {
              title: '出勤',
              dataIndex: 'status',
              render: (s: MeetingAttendanceRow['status']) => <AttendanceTag status={s} />,
            },
            {
              title: '请假事由',
              dataIndex: 'leaveReason',
              render: (v: MeetingAttendanceRow['leaveReason']) => (v ? leaveReasonLabels[v] : ''),
            },
            {
              title: '手机签到',
              dataIndex: 'signedInAt',
              render: (v: string | null) => (v ? formatTime(v) : ''),
            },
          ]}
        />
      )}
    </Card>
  );
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const navigate = useNavigate();
  const [opened, setOpened] = useState<SignInOpened | null>(null);
  const signIn = useFormMutation({
    mutate: (_: 'open') => meetingsApi.openSignIn(meeting.id),
    success: '已开启签到',
    invalidate: [keys.meetings.detail(meeting.id)],
    onDone: (r) => setOpened(r),
    errorToast: true,
  });
  return (
    <>
      <Card
        title={
          <Space wrap>
            <MeetingTypeTag type={meeting.type} />
            <span data-testid="meeting-topic">{meeting.topic}</span>
            <Tag color={meeting.status === 'held' ? 'green' : 'default'} data-testid="meeting-status">
              {meetingStatusLabels[meeting.status]}
            </Tag>
            {meeting.late && <Tag color="orange">补记</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Button onClick={() => navigate(`/meetings?month=${meeting.heldOn.slice(0, 7)}`)}>
              返回日历
            </Button>
            {meeting.status === 'planned' && (
              <AbilityButton
                ability={meeting.abilities.record}
                onClick={() => navigate(`/meetings/new?plan=${meeting.id}`)}
                data-testid="record-plan"
              >
                登记会议记录
              </AbilityButton>
            )}
            <AbilityButton
              type="primary"
              ability={meeting.abilities.signIn}
              loading={signIn.busy}
              onClick={() => signIn.submit('open')}
              data-testid="open-sign-in"
            >
              {opened ? '重新开启签到' : '开启签到'}
            </AbilityButton>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'org', label: '党组织', children: meeting.orgName },
            {
              key: 'on',
              label: meeting.status === 'held' ? '召开日期' : '计划日期',
              children: meeting.heldOn,
            },
            { key: 'place', label: '地点', children: meeting.place ?? '—' },
            { key: 'recorder', label: '记录人', children: meeting.recorder ?? '—' },
            { key: 'recorded', label: '登记日期', children: meeting.recordedOn ?? '—' },
            ...(meeting.late
              ? [{ key: 'late', label: '补记原因', children: meeting.lateReason ?? '—' }]
              : []),
            ...(meeting.status === 'held'
              ? [
                  {
                    key: 'quorum',
                    label: '到会人数',
                    span: 3,
                    children: <QuorumText quorum={meeting.quorum} />,
                  },
                ]
              : []),
          ]}
        />
        {meeting.minutes && (
          <>
            <Typography.Title level={5}>会议记录</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="meeting-minutes">
              {meeting.minutes}
            </Typography.Paragraph>
          </>
        )}
        {meeting.votes.length > 0 && (
          <Table
            rowKey="motion"
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            dataSource={meeting.votes}
            columns={[
              { title: '表决事项', dataIndex: 'motion' },
              { title: '赞成', dataIndex: 'for', width: 70 },
              { title: '反对', dataIndex: 'against', width: 70 },
              { title: '弃权', dataIndex: 'abstain', width: 70 },
              {
                title: '结果',
                dataIndex: 'passed',
                width: 90,
                render: (p: boolean) => <Tag color={p ? 'green' : 'red'}>{p ? '通过' : '未通过'}</Tag>,
              },
            ]}
          />
        )}
      </Card>
      <SignInPanel meeting={meeting} opened={opened} />
      <Attendance meeting={meeting} />
      <Attachments meeting={meeting} />
    </>
  );
}

/** 会议详情: the record, the attendance, the attachments and 现场签到. */
export default function MeetingDetailPage() {
  const { id } = useParams();
  const q = useQuery({
    queryKey: keys.meetings.detail(id),
    queryFn: () => meetingsApi.get(id!),
    // While sign-in is open the room watches the phones come in.
    refetchInterval: (query) => {
      const until = parseTime(query.state.data?.signIn?.validUntil)?.getTime() ?? 0;
      return query.state.data?.signIn?.open && until > Date.now() ? 4000 : false;
    },
  });
  usePageTitle(q.data ? `${q.data.topic} - 会议详情` : '会议详情');
  return <QueryState query={q}>{(m) => <MeetingView key={m.id} meeting={m} />}</QueryState>;
}
