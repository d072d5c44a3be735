import { Button, type ButtonProps, DatePicker, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { keys } from '../../api/keys';
import type { AttendanceStatus, EscalationKind, MeetingType } from '../../api/types';
import {
  attendanceStatusColors,
  attendanceStatusLabels,
  escalationKindColors,
  escalationKindLabels,
  meetingTypeColors,
  meetingTypeLabels,
} from '../../lib/meeting-labels';

/** A meeting record changes attendance, compliance and escalations at once: refresh every list of the area. */
export const meetingWrites = [keys.meetings.all, keys.mobility.all];

export type Ability = { allowed: boolean; reason: string | null };

/** An action the server allows now, or the same action disabled with the server's reason as its tooltip. */
export function AbilityButton({
  ability,
  children,
  ...props
}: ButtonProps & { ability: Ability; children: ReactNode }) {
  const button = (
    <Button {...props} disabled={!ability.allowed || props.disabled}>
      {children}
    </Button>
  );
  return ability.allowed ? button : <Tooltip title={ability.reason}>{button}</Tooltip>;
}

export function YearPicker({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  return (
    <DatePicker
      picker="year"
      aria-label="年度"
      allowClear={false}
      value={dayjs(`${value}-01-01`)}
      disabledDate={(d) => d.year() > dayjs().year()}
      onChange={(d) => d && onChange(d.year())}
    />
  );
}

export const MeetingTypeTag = ({ type }: { type: MeetingType }) => (
  <Tag color={meetingTypeColors[type]}>{meetingTypeLabels[type]}</Tag>
);

export const AttendanceTag = ({ status }: { status: AttendanceStatus | null }) =>
  status ? (
    <Tag color={attendanceStatusColors[status]}>{attendanceStatusLabels[status]}</Tag>
  ) : (
    <Tag>未登记</Tag>
  );

export const EscalationTag = ({ kind }: { kind: EscalationKind }) => (
  <Tag color={escalationKindColors[kind]}>{escalationKindLabels[kind]}</Tag>
);

/** The year of the page from `?year=`, this year by default. */
export function yearOf(params: URLSearchParams): number {
  const y = Number(params.get('year'));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : dayjs().year();
}
