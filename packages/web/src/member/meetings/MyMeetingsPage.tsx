import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../lib/title';
import { muted } from '../mobility/portal-mobility';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';
import { MeetingItem } from './MeetingItem';
import { held, upcoming, useMyMeetings } from './use-my-meetings';

const list = { display: 'flex', flexDirection: 'column', gap: 12 } as const;

/** 我的会议: what is planned ahead (ask leave there) and what was held this year with my status. */
export default function MyMeetingsPage() {
  usePageTitle('我的会议', PORTAL_NAME);
  const q = useMyMeetings();
  return (
    <QueryState query={q}>
      {(d) => {
        const ahead = upcoming(d.items);
        const past = held(d.items);
        return (
          <div style={list}>
            <PortalCard title="即将召开">
              {ahead.length === 0 ? (
                <p style={{ ...muted, margin: 0 }}>近期没有计划召开的会议。党支部安排会议后会通知您。</p>
              ) : (
                <div style={list} data-testid="upcoming-meetings">
                  {ahead.map((m) => (
                    <MeetingItem key={m.id} m={m} />
                  ))}
                </div>
              )}
            </PortalCard>
            <PortalCard title={`${d.year} 年已召开`}>
              {past.length === 0 ? (
                <p style={{ ...muted, margin: 0 }}>今年还没有登记召开的会议。</p>
              ) : (
                <div style={list} data-testid="held-meetings">
                  {past.map((m) => (
                    <MeetingItem key={m.id} m={m} />
                  ))}
                </div>
              )}
            </PortalCard>
          </div>
        );
      }}
    </QueryState>
  );
}
