import { Button, Tag } from 'antd';
import { useState } from 'react';
import type { MyMeeting } from '../../api/types';
import { meetingTypeColors, meetingTypeLabels } from '../../lib/meeting-labels';
import { muted } from '../mobility/portal-mobility';
import { LeaveForm } from './LeaveForm';
import { MyStatus } from './MyStatus';

/** One meeting of mine: kind, day, topic and place, my status, and 请假 while the server allows it. */
export function MeetingItem({ m }: { m: MyMeeting }) {
  const [asking, setAsking] = useState(false);
  return (
    <div data-testid="my-meeting" style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Tag color={meetingTypeColors[m.type]}>{meetingTypeLabels[m.type]}</Tag>
        <MyStatus m={m} />
      </div>
      <b style={{ fontSize: 17, display: 'block', marginTop: 6 }}>{m.topic}</b>
      <div style={muted}>
        {m.heldOn}
        {m.place ? ` · ${m.place}` : ''} · {m.orgName}
      </div>
      {m.canAskLeave && !m.leave && !asking && (
        <Button size="large" style={{ marginTop: 8 }} onClick={() => setAsking(true)}>
          请假
        </Button>
      )}
      {asking && <LeaveForm m={m} onDone={() => setAsking(false)} />}
    </div>
  );
}
