import { Button, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { AttendanceStatus, LeaveReason } from '../../api/types';
import {
  attendanceStatusLabels,
  attendanceStatusList,
  leaveReasonLabels,
  leaveReasonList,
} from '../../lib/meeting-labels';

export type AttendanceMark = { status?: AttendanceStatus; leaveReason?: LeaveReason };
export type AttendanceMarks = Record<string, AttendanceMark>;
export type Attendee = { memberId: string; name: string; guest?: boolean; signedIn?: boolean };

const statusOptions = attendanceStatusList.map((value) => ({ value, label: attendanceStatusLabels[value] }));
const reasonOptions = leaveReasonList.map((value) => ({ value, label: leaveReasonLabels[value] }));

/** What the form sends: only the members given a status (an empty one is "nothing recorded", API.md). */
export function marked(marks: AttendanceMarks) {
  return Object.entries(marks)
    .filter((e): e is [string, AttendanceMark & { status: AttendanceStatus }] => Boolean(e[1].status))
    .map(([memberId, m]) => ({
      memberId,
      status: m.status,
      leaveReason: m.status === 'excused' ? m.leaveReason : undefined,
    }));
}

/**
 * The attendance table: a status per expected member, empty until someone sets it (only a recorded
 * 缺席 is an unexcused absence), and the leave reason of a 请假.
 */
export function AttendanceEditor({
  attendees,
  marks,
  onChange,
}: {
  attendees: Attendee[];
  marks: AttendanceMarks;
  onChange: (marks: AttendanceMarks) => void;
}) {
  const set = (memberId: string, m: AttendanceMark) => onChange({ ...marks, [memberId]: m });
  const counts = attendanceStatusList.map((s) => ({
    s,
    n: attendees.filter((a) => marks[a.memberId]?.status === s).length,
  }));
  const unset = attendees.filter((a) => !marks[a.memberId]?.status).length;
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button
          size="small"
          onClick={() =>
            onChange(
              Object.fromEntries(
                attendees.map((a): [string, AttendanceMark] => {
                  const m = marks[a.memberId];
                  return [a.memberId, m?.status ? m : { status: 'present' }];
                }),
              ),
            )
          }
          data-testid="mark-rest-present"
        >
          未登记的均为出席
        </Button>
        <Typography.Text type="secondary" data-testid="attendance-counts">
          {counts
            .filter((c) => c.n > 0)
            .map((c) => `${attendanceStatusLabels[c.s]} ${c.n}`)
            .join('，') || '尚未登记出勤'}
          {unset > 0 && `；未登记 ${unset} 人`}
        </Typography.Text>
      </Space>
      <Table<Attendee>
        rowKey="memberId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content', y: 480 }}
        dataSource={attendees}
        data-testid="attendance-editor"
        locale={{ emptyText: '本组织没有应参会党员' }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 140,
            render: (v: string, a) => (
              <Space size={4}>
                {v}
                {a.guest && <Tag color="blue">外单位</Tag>}
                {a.signedIn && <Tag color="green">已签到</Tag>}
              </Space>
            ),
          },
          {
            title: '出勤',
            key: 'status',
            render: (_: unknown, a) => (
              <Radio.Group
                size="small"
                optionType="button"
                aria-label={`${a.name}的出勤`}
                value={marks[a.memberId]?.status}
                options={statusOptions}
                onChange={(e) => set(a.memberId, { ...marks[a.memberId], status: e.target.value })}
              />
            ),
          },
          {
            title: '请假事由',
            key: 'reason',
            width: 200,
            render: (_: unknown, a) => {
              const m = marks[a.memberId];
              if (m?.status !== 'excused') {
                return m?.status ? (
                  <Button size="small" type="link" onClick={() => set(a.memberId, {})}>
                    清除
                  </Button>
                ) : null;
              }
              return (
                <Space size={4}>
                  <Select
                    size="small"
                    style={{ width: 96 }}
                    placeholder="事由"
                    aria-label={`${a.name}的请假事由`}
                    value={m.leaveReason}
                    options={reasonOptions}
                    onChange={(leaveReason) => set(a.memberId, { ...m, leaveReason })}
                  />
                  <Button size="small" type="link" onClick={() => set(a.memberId, {})}>
                    清除
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
    </div>
  );
}
