import { Tag } from 'antd';
import type { MyMeeting } from '../../api/types';
import {
  attendanceStatusColors,
  attendanceStatusLabels,
  leaveReasonLabels,
  leaveStatusLabels,
} from '../../lib/meeting-labels';

/** My attendance as recorded, and my leave request with where it stands. */
export function MyStatus({ m }: { m: MyMeeting }) {
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {m.myStatus ? (
        <Tag color={attendanceStatusColors[m.myStatus]} data-testid="my-status">
          {attendanceStatusLabels[m.myStatus]}
        </Tag>
      ) : m.status === 'held' ? (
        <Tag data-testid="my-status">未登记</Tag>
      ) : null}
      {m.leave && (
        <Tag
          color={m.leave.status === 'approved' ? 'green' : m.leave.status === 'rejected' ? 'red' : 'gold'}
          data-testid="my-leave"
        >
          {leaveReasonLabels[m.leave.reason]}·{leaveStatusLabels[m.leave.status]}
        </Tag>
      )}
    </span>
  );
}
