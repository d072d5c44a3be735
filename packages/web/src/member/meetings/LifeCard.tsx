import { Button, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { meetingTypeColors, meetingTypeLabels } from '../../lib/meeting-labels';
import { muted, tap } from '../mobility/portal-mobility';
import { PortalCard } from '../PortalCard';
import { upcoming, useMyMeetings } from './use-my-meetings';

/** The home page's 组织生活 card: the next meeting, and the ways to sign in, ask leave and look back. */
export function LifeCard() {
  const navigate = useNavigate();
  const q = useMyMeetings();
  const next = q.data ? upcoming(q.data.items)[0] : undefined;
  return (
    <PortalCard title="组织生活">
      {next ? (
        <div data-testid="next-meeting" style={{ marginBottom: 12 }}>
          <div style={muted}>下次会议</div>
          <div>
            <Tag color={meetingTypeColors[next.type]}>{meetingTypeLabels[next.type]}</Tag>
            <b>{next.heldOn}</b> {next.topic}
          </div>
          {next.place && <div style={muted}>{next.place}</div>}
        </div>
      ) : null}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        <Button type="primary" style={tap} onClick={() => navigate('/m/sign-in')}>
          会议签到
        </Button>
        <Button style={tap} onClick={() => navigate('/m/meetings')}>
          我的会议
        </Button>
        <Button style={{ ...tap, gridColumn: '1 / -1' }} onClick={() => navigate('/m/life')}>
          我的组织生活
        </Button>
      </div>
    </PortalCard>
  );
}
