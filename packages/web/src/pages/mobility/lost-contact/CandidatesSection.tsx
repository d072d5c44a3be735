import { useQuery } from '@tanstack/react-query';
import { Popover, Space, Tag } from 'antd';
import { mobilityApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { AbroadCandidate, LostCandidate } from '../../../api/types';
import { LinkButton } from '../../../components/LinkButton';
import { useSelectedOrg } from '../../../console/selected-org';
import { contactChannelLabels, outflowReasonLabels } from '../../../lib/labels';
import { QuickContact } from '../shared';
import { CandidateCard, type OnDialog } from './shared';

const sinceKindLabels: Record<LostCandidate['lastSeenKind'], string> = {
  registration: '登记入系统',
  contact: '联系上',
  life: '参加组织生活',
  report: '提交思想汇报',
  departure: '外出报告',
  return: '返回报告',
  restored: '恢复党籍',
  dues: '交纳党费',
};

/** Not seen within the policy period: record a contact, or flag 失联 (the list says whether the caller may). */
export function Candidates({ onDialog }: { onDialog: OnDialog }) {
  const { org } = useSelectedOrg();
  const q = useQuery({
    queryKey: keys.standing.lostCandidates(org?.id),
    queryFn: () => mobilityApi.lostCandidates(org?.id),
  });
  const abilities = q.data?.abilities;
  return (
    <CandidateCard<LostCandidate>
      title="疑似失联党员"
      hint={
        q.data &&
        `${q.data.cutoff} 以来（${q.data.months} 个月）未联系上、未参加组织生活、未提交思想汇报的外出党员及有记录的党员；从登记入系统或最后一次联系、活动之日起算`
      }
      testId="lost-candidates"
      emptyText="没有疑似失联的党员"
      query={q}
      columns={[
        {
          title: '失联起算',
          dataIndex: 'lastSeenOn',
          width: 200,
          render: (v: string, r) => `${v}（${sinceKindLabels[r.lastSeenKind] ?? r.lastSeenKind}）`,
        },
        {
          title: '此后联系未果',
          dataIndex: 'failedAttempts',
          width: 120,
          render: (n: number) => (n > 0 ? <Tag color="red">{n} 次</Tag> : '—'),
        },
        {
          title: '最后联系上的方式',
          dataIndex: 'lastChannel',
          width: 140,
          render: (c: LostCandidate['lastChannel']) => (c ? contactChannelLabels[c] : '—'),
        },
      ]}
      action={
        abilities && (abilities.logContact.allowed || abilities.flag.allowed)
          ? {
              width: 170,
              render: (r) => (
                <Space size={12}>
                  {abilities.logContact.allowed && (
                    <Popover
                      trigger="click"
                      title={`登记与${r.name}的联系`}
                      content={
                        <div style={{ width: 420 }}>
                          <QuickContact memberId={r.memberId} memberName={r.name} />
                        </div>
                      }
                    >
                      <LinkButton>登记联系</LinkButton>
                    </Popover>
                  )}
                  {abilities.flag.allowed && (
                    <LinkButton
                      danger
                      onClick={() =>
                        onDialog({
                          kind: 'flag',
                          memberId: r.memberId,
                          name: r.name,
                          lastSeenOn: r.lastSeenOn,
                        })
                      }
                    >
                      标记失联
                    </LinkButton>
                  )}
                </Space>
              ),
            }
          : undefined
      }
    />
  );
}

/** 出国(境) for study beyond the policy's years without return: standing generally stopped (RULES.md §2). */
export function AbroadCandidates({ onDialog }: { onDialog: OnDialog }) {
  const { org } = useSelectedOrg();
  const q = useQuery({
    queryKey: keys.standing.abroadCandidates(org?.id),
    queryFn: () => mobilityApi.abroadCandidates(org?.id),
  });
  const years = q.data?.years;
  return (
    <CandidateCard<AbroadCandidate>
      title={years === undefined ? '出国（境）逾期未归' : `出国（境）满 ${years} 年`}
      hint={q.data && `${q.data.cutoff} 以前出国（境）学习研究、至今未归的党员`}
      testId="abroad-candidates"
      emptyText="没有出国（境）学习研究超过规定年限未归的党员"
      query={q}
      columns={[
        { title: '出国（境）日期', dataIndex: 'leftOn', width: 150 },
        { title: '在外', dataIndex: 'years', width: 100, render: (n: number) => `${n} 年` },
        {
          title: '原因',
          dataIndex: 'reason',
          width: 100,
          render: (r: AbroadCandidate['reason']) => outflowReasonLabels[r],
        },
      ]}
      action={
        q.data?.abilities.propose.allowed && years !== undefined
          ? {
              width: 140,
              render: (r) => (
                <LinkButton
                  danger
                  onClick={() =>
                    onDialog({
                      kind: 'propose',
                      member: { id: r.memberId, name: r.name },
                      caseKind: 'stop',
                      abroadYears: years,
                    })
                  }
                >
                  提出停止党籍
                </LinkButton>
              ),
            }
          : undefined
      }
    />
  );
}
