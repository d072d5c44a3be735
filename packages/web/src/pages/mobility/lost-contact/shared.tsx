import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Ability, BranchMeeting, MeetingBody, StandingCase, StandingCaseKind } from '../../../api/types';
import { LinkButton } from '../../../components/LinkButton';
import { ErrorState } from '../../../components/QueryState';

/** The one dialog of the page open at a time. */
export type Dialog =
  | { kind: 'flag'; memberId: string; name: string; lastSeenOn: string }
  | {
      kind: 'propose';
      member: { id: string; name: string; lostContactReason?: string | null };
      caseKind: StandingCaseKind;
      /** Proposed from the 出国(境) list: the reason is 出国(境), on the policy's years. */
      abroadYears?: number;
    }
  | { kind: 'decide'; c: StandingCase; approve: boolean }
  | null;

export type OnDialog = (d: Dialog) => void;

export const meetingBodyLabels: Record<MeetingBody, string> = {
  branch_committee: '支部委员会',
  branch_general_meeting: '支部大会',
};

export function meetingText(m: BranchMeeting | null): string {
  if (!m) return '未记录支部会议';
  return `${m.on} ${meetingBodyLabels[m.body]}讨论：赞成 ${m.votesFor} 票、反对 ${m.votesAgainst} 票、弃权 ${m.votesAbstain} 票`;
}

/** An action the server allows now, or the same action disabled with the server's reason. */
export function AbilityButton(props: {
  ability: Ability;
  danger?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  const button = (
    <LinkButton danger={props.danger} disabled={!props.ability.allowed} onClick={props.onClick}>
      {props.children}
    </LinkButton>
  );
  return props.ability.allowed ? button : <Tooltip title={props.ability.reason}>{button}</Tooltip>;
}

/** A candidate list of one ground for the next step: who, where, since when, and what staff can do. */
export function CandidateCard<T extends { memberId: string; name: string }>(props: {
  title: string;
  hint: ReactNode;
  testId: string;
  emptyText: string;
  query: UseQueryResult<{ items: T[] }>;
  columns: TableColumnsType<T>;
  action?: { width: number; render: (r: T) => ReactNode };
}) {
  const { query: q, action } = props;
  return (
    <Card
      title={props.title}
      extra={q.data && <Typography.Text type="secondary">{props.hint}</Typography.Text>}
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<T>
          rowKey="memberId"
          size="middle"
          data-testid={props.testId}
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
          locale={{ emptyText: q.isLoading ? '正在加载…' : props.emptyText }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              width: 100,
              render: (v: string, r) => <Link to={`/mobility/members/${r.memberId}`}>{v}</Link>,
            },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            ...props.columns,
            ...(action
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: action.width,
                    render: (_: unknown, r: T) => action.render(r),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
