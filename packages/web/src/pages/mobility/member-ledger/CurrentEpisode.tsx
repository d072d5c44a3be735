import { Button, Card, Descriptions, Space, Tag } from 'antd';
import type { Episode } from '../../../api/types';
import { leftOnLabel, monthsLabel, reasonLabel } from '../../../lib/labels';
import { RequiredDocumentPanel } from '../shared';
import type { LedgerDialog } from './dialog';
import { EpisodeLetter } from './EpisodeLetter';

export function CurrentEpisode({
  episode,
  onDialog,
}: {
  episode: Episode;
  onDialog: (d: LedgerDialog) => void;
}) {
  const open = episode.status === 'open';
  return (
    <Card
      title={
        <Space>
          {open ? '本次外出' : '最近一次外出'}
          {open ? <Tag color="blue">在外</Tag> : <Tag>已于 {episode.returnedOn} 返回</Tag>}
          {episode.side === 'host' && <Tag color="purple">流入本组织</Tag>}
        </Space>
      }
      extra={
        episode.abilities.returnOutflow && (
          <Button onClick={() => onDialog({ kind: 'return', episode })}>登记返回</Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'org', label: '所在党组织', children: episode.originOrgName },
          { key: 'left', label: '外出日期', children: leftOnLabel(episode.leftOn) },
          { key: 'months', label: '预计外出', children: monthsLabel(episode.expectedMonths) },
          { key: 'reason', label: '外出原因', children: reasonLabel(episode.reason) },
          { key: 'dest', label: '外出流向', children: episode.destinationName ?? '—' },
          {
            key: 'place',
            label: '工作/居住地点',
            children: `${episode.fixedPlace ? '固定' : '不固定'}${episode.fixedPlace ? `，所去单位${episode.hostHasPartyOrg ? '有' : '没有'}党组织` : ''}`,
          },
          { key: 'contact', label: '联系方式', children: episode.contact ?? '—' },
          {
            key: 'inflow',
            label: '流入党组织',
            children: episode.inflowOrgName
              ? `${episode.inflowOrgName}${episode.inflowOn ? `（${episode.inflowOn} 报到）` : ''}`
              : '尚未向流入地党组织报到',
          },
        ]}
      />
      {open && <RequiredDocumentPanel episode={episode} />}
      <EpisodeLetter episode={episode} onDialog={onDialog} />
    </Card>
  );
}
