import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { mobilityApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { StandingCaseKind, StandingMember } from '../../../api/types';
import { ErrorState } from '../../../components/QueryState';
import { useSelectedOrg } from '../../../console/selected-org';
import { label, lostContactReasonLabels, stopReasonLabels } from '../../../lib/labels';
import { AbilityButton, type OnDialog } from './shared';

/** Members lost or stopped, with the steps the server says may be proposed for each now. */
export function LostMembers({ onDialog }: { onDialog: OnDialog }) {
  const { org } = useSelectedOrg();
  const q = useQuery({
    queryKey: keys.standing.members(org?.id),
    queryFn: () => mobilityApi.standingMembers(org?.id),
  });
  const mayPropose = q.data?.abilities.propose.allowed ?? false;
  const propose = (m: StandingMember, caseKind: StandingCaseKind) =>
    onDialog({
      kind: 'propose',
      member: { id: m.memberId, name: m.name, lostContactReason: m.lostContactReason },
      caseKind,
    });
  return (
    <Card title="失联及停止党籍党员">
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<StandingMember>
          rowKey="memberId"
          size="middle"
          data-testid="lost-members"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
          locale={{ emptyText: q.isLoading ? '正在加载…' : '没有失联或停止党籍的党员' }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              width: 100,
              render: (v: string, r) => <Link to={`/mobility/members/${r.memberId}`}>{v}</Link>,
            },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            {
              title: '失联',
              key: 'lost',
              width: 220,
              render: (_, m) =>
                m.lostContact ? (
                  <span>
                    <Tag color="volcano">自 {m.lostContactSince ?? '—'}</Tag>
                    {label(lostContactReasonLabels, m.lostContactReason, '')}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: '党籍',
              key: 'standing',
              width: 200,
              render: (_, m) =>
                m.standing === 'stopped' ? (
                  <Tag>
                    停止党籍{m.stopReason ? `（${label(stopReasonLabels, m.stopReason)}）` : ''}
                    {m.stoppedOn ? ` ${m.stoppedOn}` : ''}
                  </Tag>
                ) : (
                  <Tag color="green">正常</Tag>
                ),
            },
            ...(mayPropose
              ? [
                  {
                    title: '提出',
                    key: 'op',
                    width: 260,
                    render: (_: unknown, m: StandingMember) =>
                      m.pending ? (
                        <Tag color="gold">已提请审批</Tag>
                      ) : (
                        <Space size={12} wrap>
                          {m.standing === 'normal' && (
                            <AbilityButton
                              danger
                              ability={m.abilities.stop}
                              onClick={() => propose(m, 'stop')}
                            >
                              停止党籍
                            </AbilityButton>
                          )}
                          {m.standing === 'stopped' && (
                            <AbilityButton
                              danger
                              ability={m.abilities.lapse}
                              onClick={() => propose(m, 'lapse')}
                            >
                              按自行脱党除名
                            </AbilityButton>
                          )}
                          <AbilityButton ability={m.abilities.restore} onClick={() => propose(m, 'restore')}>
                            {m.standing === 'stopped' ? '恢复党籍' : '恢复联系'}
                          </AbilityButton>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
