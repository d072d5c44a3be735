import type { MyMeetings } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { attendanceStatusLabels } from '../../lib/meeting-labels';
import { usePageTitle } from '../../lib/title';
import { muted } from '../mobility/portal-mobility';
import { PortalCard } from '../PortalCard';
import { PORTAL_NAME } from '../portal-style';
import { MeetingItem } from './MeetingItem';
import { held, useMyMeetings } from './use-my-meetings';

const shown = ['present', 'online', 'excused', 'absent', 'late'] as const;

function Counts({ counts }: { counts: MyMeetings['counts'] }) {
  return (
    <div
      data-testid="life-counts"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8, textAlign: 'center' }}
    >
      <div style={{ gridColumn: '1 / -1', ...muted }}>
        今年应参加 <b style={{ color: '#000', fontSize: 18 }}>{counts.expected}</b> 次
      </div>
      {shown.map((k) => (
        <div
          key={k}
          data-testid={`count-${k}`}
          style={{ background: '#fafafa', borderRadius: 8, padding: '10px 0' }}
        >
          <div
            style={{
              fontSize: 24,
              fontWeight: 600,
              color: k === 'absent' && counts[k] ? '#cf1322' : undefined,
            }}
          >
            {counts[k]}
          </div>
          <div style={muted}>{attendanceStatusLabels[k]}</div>
        </div>
      ))}
    </div>
  );
}

/** 我的组织生活: this year's attendance counted by status, and each meeting held. */
export default function MyLifePage() {
  usePageTitle('我的组织生活', PORTAL_NAME);
  const q = useMyMeetings();
  return (
    <QueryState query={q}>
      {(d) => (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <PortalCard title={`${d.year} 年组织生活`}>
            <Counts counts={d.counts} />
            <p style={{ ...muted, margin: '12px 0 0' }}>
              无故缺席将按规定提醒和警戒；不能参加的，请提前向党支部请假。
            </p>
          </PortalCard>
          <PortalCard title="参加记录">
            {held(d.items).length === 0 ? (
              <p style={{ ...muted, margin: 0 }}>今年还没有参加记录。</p>
            ) : (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
                {held(d.items).map((m) => (
                  <MeetingItem key={m.id} m={m} />
                ))}
              </div>
            )}
          </PortalCard>
        </div>
      )}
    </QueryState>
  );
}
