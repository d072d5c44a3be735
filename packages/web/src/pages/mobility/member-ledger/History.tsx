import { Empty, Timeline } from 'antd';
import type { Episode } from '../../../api/types';
import {
  documentLabel,
  leftOnLabel,
  letterStatusLabels,
  monthsLabel,
  reasonLabel,
} from '../../../lib/labels';

export function History({ episodes }: { episodes: Episode[] }) {
  if (episodes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有外出记录" />;
  return (
    <Timeline
      items={episodes.flatMap((e) => [
        ...(e.returnedOn
          ? [
              {
                key: `${e.id}-r`,
                color: 'gray',
                content: (
                  <span>
                    <b>{e.returnedOn}</b> 返回{e.returnNote ? `（${e.returnNote}）` : ''}
                  </span>
                ),
              },
            ]
          : []),
        {
          key: e.id,
          color: e.status === 'open' ? 'blue' : 'gray',
          content: (
            <div>
              <b>{leftOnLabel(e.leftOn)}</b> 外出前往{e.destinationName ?? '—'}（{reasonLabel(e.reason)}，预计{' '}
              {monthsLabel(e.expectedMonths)}）
              <div style={{ color: '#8c8c8c' }}>
                {documentLabel(e.requiredDocument)}
                {e.certificate
                  ? ` · ${e.certificate.number}（${letterStatusLabels[e.certificate.status] ?? e.certificate.status}）`
                  : ''}
                {e.inflowOrgName ? ` · 流入 ${e.inflowOrgName}` : ''}
              </div>
            </div>
          ),
        },
      ])}
    />
  );
}
