import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popover,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import type {
  Ability,
  AbroadCandidate,
  BranchMeeting,
  LostCandidate,
  LostContactReason,
  MeetingBody,
  StandingCase,
  StandingCaseKind,
  StandingMember,
} from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { ErrorState, InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { formatTime } from '../../lib/format';
import {
  caseKindLabels,
  caseStatusLabels,
  contactChannelLabels,
  label,
  lostContactReasonLabels,
  optionsOf,
  outflowReasonLabels,
  stopReasonLabels,
} from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { useSubmit } from './dialogs';
import { QuickContact } from './shared';

type Dialog =
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

function FlagModal({ d, onClose }: { d: Extract<Dialog, { kind: 'flag' }>; onClose: () => void }) {
  const [form] = Form.useForm<{ since: Dayjs; reasonCode: LostContactReason }>();
  const { busy, error, submit } = useSubmit(
    (v: { since: Dayjs; reasonCode: LostContactReason }) =>
      mobilityApi.flagLost(d.memberId, v.since.format('YYYY-MM'), v.reasonCode),
    `已将 ${d.name} 标记为失联党员`,
    onClose,
  );
  return (
    <Modal
      open
      title={`标记失联：${d.name}`}
      okText="标记为失联"
      okButtonProps={{ danger: true }}
      onOk={async () => submit(await form.validateFields().catch(() => null))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph type="secondary">
        失去联系的时间从最后一次参加组织生活、交纳党费或联系上的日期算起。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ since: dayjs(d.lastSeenOn), reasonCode: 'work_business' }}
      >
        <Form.Item label="失去联系起始月份" name="since" rules={[{ required: true, message: '请选择月份' }]}>
          <DatePicker
            picker="month"
            style={{ width: '100%' }}
            disabledDate={(x) => x.isAfter(dayjs(), 'month')}
          />
        </Form.Item>
        <Form.Item label="失联原因" name="reasonCode" rules={[{ required: true, message: '请选择失联原因' }]}>
          <Select options={optionsOf(lostContactReasonLabels)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const caseHints: Record<StandingCaseKind, string> = {
  stop: '失去联系满规定期限（默认 6 个月）、经多方查找仍无法取得联系的，由党支部提出、党委审批停止党籍；出国（境）定居的也可停止党籍。',
  lapse: '停止党籍满规定年限（默认 2 年）仍无法取得联系的，按自行脱党予以除名，须党委审批。',
  restore: '已恢复联系的，由党支部提出、党委审批恢复党籍并取消失联标记。',
};

const meetingBodyLabels: Record<MeetingBody, string> = {
  branch_committee: '支部委员会',
  branch_general_meeting: '支部大会',
};

type ProposeValues = {
  reasonCode?: string;
  note?: string;
  meetingOn: Dayjs;
  meetingBody: MeetingBody;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
};

function ProposeModal({ d, onClose }: { d: Extract<Dialog, { kind: 'propose' }>; onClose: () => void }) {
  const [form] = Form.useForm<ProposeValues>();
  const abroad = d.abroadYears !== undefined;
  const { busy, error, submit } = useSubmit(
    (v: ProposeValues) =>
      mobilityApi.proposeCase(d.member.id, {
        kind: d.caseKind,
        reasonCode: d.caseKind === 'stop' ? v.reasonCode : undefined,
        note: v.note?.trim() || undefined,
        meeting: {
          on: v.meetingOn.format('YYYY-MM-DD'),
          body: v.meetingBody,
          votesFor: v.votesFor,
          votesAgainst: v.votesAgainst,
          votesAbstain: v.votesAbstain,
        },
      }),
    `已提出${caseKindLabels[d.caseKind]}，待党委审批`,
    onClose,
  );
  return (
    <Modal
      open
      title={`提出${caseKindLabels[d.caseKind]}：${d.member.name}`}
      okText="提交党委审批"
      okButtonProps={{ danger: d.caseKind !== 'restore' }}
      onOk={async () => submit(await form.validateFields().catch(() => null))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Alert
        type="info"
        showIcon
        title={
          abroad
            ? `出国（境）学习研究超过 ${d.abroadYears} 年未归的，一般停止党籍，由党支部提出、党委审批。`
            : caseHints[d.caseKind]
        }
        style={{ marginBottom: 16 }}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          reasonCode: abroad ? 'abroad' : (d.member.lostContactReason ?? 'work_business'),
          meetingBody: 'branch_general_meeting',
          votesAgainst: 0,
          votesAbstain: 0,
        }}
      >
        <Typography.Text strong>党支部的决定</Typography.Text>
        <Space wrap align="start" style={{ width: '100%', marginTop: 8 }}>
          <Form.Item
            label="会议日期"
            name="meetingOn"
            rules={[{ required: true, message: '请选择支部会议日期' }]}
          >
            <DatePicker disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="会议" name="meetingBody" rules={[{ required: true, message: '请选择会议' }]}>
            <Select style={{ width: 140 }} options={optionsOf(meetingBodyLabels)} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label="赞成" name="votesFor" rules={[{ required: true, message: '请填写赞成票数' }]}>
            <InputNumber min={0} precision={0} addonAfter="票" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="反对" name="votesAgainst" rules={[{ required: true, message: '请填写反对票数' }]}>
            <InputNumber min={0} precision={0} addonAfter="票" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="弃权" name="votesAbstain" rules={[{ required: true, message: '请填写弃权票数' }]}>
            <InputNumber min={0} precision={0} addonAfter="票" style={{ width: 120 }} />
          </Form.Item>
        </Space>
        {d.caseKind === 'stop' && (
          <Form.Item label="原因" name="reasonCode" rules={[{ required: true, message: '请选择原因' }]}>
            <Select options={optionsOf(lostContactReasonLabels)} disabled={abroad} />
          </Form.Item>
        )}
        <Form.Item label="情况说明" name="note">
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder={
              abroad ? '如：出国留学逾期未归，已与本人联系确认' : '如：多次电话、走访家属均未能取得联系'
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ d, onClose }: { d: Extract<Dialog, { kind: 'decide' }>; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, error, submit } = useSubmit(
    (v: { note?: string }) => mobilityApi.decideCase(d.c.id, d.approve, v.note?.trim() || undefined),
    d.approve ? `已批准${caseKindLabels[d.c.kind]}` : '已作出不批准的决定',
    onClose,
  );
  return (
    <Modal
      open
      title={`${d.approve ? '批准' : '不批准'}：${d.c.memberName} ${caseKindLabels[d.c.kind]}`}
      okText={d.approve ? '批准' : '不批准'}
      okButtonProps={{ danger: d.approve && d.c.kind !== 'restore' }}
      onOk={async () => submit(await form.validateFields().catch(() => null))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph>
        {d.c.proposerOrgName ?? '系统管理员'}（{d.c.proposedBy ?? '—'}）于 {formatTime(d.c.proposedAt)}{' '}
        提出，党员所在组织：{d.c.orgName}
        {d.c.reasonCode ? `，原因：${label(lostContactReasonLabels, d.c.reasonCode)}` : ''}
        {d.c.note ? `。说明：${d.c.note}` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {meetingText(d.c.meeting)}；审批：{d.c.decidingOrgName ?? '上级党委'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item label="审批意见" name="note">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function meetingText(m: BranchMeeting | null): string {
  if (!m) return '未记录支部会议';
  return `${m.on} ${meetingBodyLabels[m.body]}讨论：赞成 ${m.votesFor} 票、反对 ${m.votesAgainst} 票、弃权 ${m.votesAbstain} 票`;
}

/** An action the server allows now, or the same action disabled with the server's reason. */
function AbilityButton(props: {
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

const sinceKindLabels: Record<LostCandidate['lastSeenKind'], string> = {
  registration: '登记入系统',
  contact: '联系上',
  life: '参加组织生活',
  report: '提交思想汇报',
  departure: '外出报告',
  return: '返回报告',
  restored: '恢复党籍',
};

/** A candidate list of one ground for the next step: who, where, since when, and what staff can do. */
function CandidateCard<T extends { memberId: string; name: string }>(props: {
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

function Candidates({ onDialog }: { onDialog: (d: Dialog) => void }) {
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['mobility', 'lost-candidates', org?.id],
    queryFn: () => mobilityApi.lostCandidates(org?.id),
  });
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
        can('member.write')
          ? {
              width: 170,
              render: (r) => (
                <Space size={12}>
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
                  <LinkButton
                    danger
                    onClick={() =>
                      onDialog({ kind: 'flag', memberId: r.memberId, name: r.name, lastSeenOn: r.lastSeenOn })
                    }
                  >
                    标记失联
                  </LinkButton>
                </Space>
              ),
            }
          : undefined
      }
    />
  );
}

/** 出国(境) for study beyond the policy's years without return: standing generally stopped (RULES.md §2). */
function AbroadCandidates({ onDialog }: { onDialog: (d: Dialog) => void }) {
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['mobility', 'abroad-candidates', org?.id],
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
        can('member.write') && years !== undefined
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

function LostMembers({ onDialog }: { onDialog: (d: Dialog) => void }) {
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['mobility', 'standing-members', org?.id],
    queryFn: () => mobilityApi.standingMembers(org?.id),
  });
  const canWrite = can('member.write');
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
            ...(canWrite
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

function Cases({ onDialog }: { onDialog: (d: Dialog) => void }) {
  const { org } = useSelectedOrg();
  const [status, setStatus] = useState<'pending' | 'decided'>('pending');
  const q = useQuery({
    queryKey: ['mobility', 'cases', org?.id, status],
    queryFn: () =>
      mobilityApi.cases({ orgId: org?.id, status: status === 'pending' ? 'pending' : undefined }),
  });
  const items = (q.data?.items ?? []).filter((c) => (status === 'pending' ? true : c.status !== 'pending'));
  return (
    <Card
      title="党籍处置审批"
      extra={
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'pending' | 'decided')}
          options={[
            { value: 'pending', label: '待审批' },
            { value: 'decided', label: '已处理' },
          ]}
        />
      }
    >
      {status === 'pending' && (
        <Typography.Paragraph type="secondary">
          停止党籍、恢复党籍和按自行脱党除名由党支部讨论决定后提出，须由上级党委（党工委）审批，提出人不能审批本人提出的事项。
        </Typography.Paragraph>
      )}
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<StandingCase>
          rowKey="id"
          size="middle"
          data-testid="standing-cases"
          loading={q.isFetching}
          scroll={{ x: 'max-content' }}
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{
            emptyText: q.isLoading
              ? '正在加载…'
              : status === 'pending'
                ? '没有待审批的事项'
                : '没有已处理的事项',
          }}
          columns={[
            {
              title: '党员',
              dataIndex: 'memberName',
              width: 100,
              render: (v: string, r) => <Link to={`/mobility/members/${r.memberId}`}>{v}</Link>,
            },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            {
              title: '事项',
              dataIndex: 'kind',
              width: 140,
              render: (k: StandingCaseKind) => (
                <Tag color={k === 'restore' ? 'green' : 'volcano'}>{caseKindLabels[k]}</Tag>
              ),
            },
            {
              title: '原因及说明',
              key: 'why',
              ellipsis: true,
              render: (_, c) =>
                [c.reasonCode ? label(lostContactReasonLabels, c.reasonCode) : null, c.note]
                  .filter(Boolean)
                  .join('；') || '—',
            },
            {
              title: '支部决定',
              key: 'meeting',
              width: 240,
              render: (_, c) => meetingText(c.meeting),
            },
            {
              title: '提出',
              key: 'proposed',
              width: 220,
              render: (_, c) => (
                <span>
                  {c.proposerOrgName ?? '系统管理员'} {c.proposedBy ?? '—'}
                  <br />
                  <Typography.Text type="secondary">{formatTime(c.proposedAt)}</Typography.Text>
                </span>
              ),
            },
            {
              title: '审批组织',
              dataIndex: 'decidingOrgName',
              width: 160,
              render: (v: string | null) => v ?? '—',
            },
            status === 'pending'
              ? {
                  title: '审批',
                  key: 'op',
                  width: 160,
                  render: (_, c) =>
                    c.abilities.decide.allowed ? (
                      <Space>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => onDialog({ kind: 'decide', c, approve: true })}
                        >
                          批准
                        </Button>
                        <Button size="small" onClick={() => onDialog({ kind: 'decide', c, approve: false })}>
                          不批准
                        </Button>
                      </Space>
                    ) : (
                      <Tooltip title={c.abilities.decide.reason}>
                        <Tag color="gold">待{c.decidingOrgName ?? '党委'}审批</Tag>
                      </Tooltip>
                    ),
                }
              : {
                  title: '结果',
                  key: 'result',
                  width: 260,
                  render: (_, c) => (
                    <span>
                      <Tag color={c.status === 'approved' ? 'green' : 'default'}>
                        {caseStatusLabels[c.status]}
                      </Tag>
                      {c.decidedBy ?? ''} {formatTime(c.decidedAt, '')}
                      {c.decisionNote ? `：${c.decisionNote}` : ''}
                    </span>
                  ),
                },
          ]}
        />
      )}
    </Card>
  );
}

/**
 * 失联党员 (篇七): find the lost, flag them, and walk the regulation's path with the committee; members
 * abroad beyond the policy's years take the same path with reason 出国(境).
 */
export default function LostContactPage() {
  usePageTitle('失联党员');
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Candidates onDialog={setDialog} />
      <AbroadCandidates onDialog={setDialog} />
      <LostMembers onDialog={setDialog} />
      <Cases onDialog={setDialog} />
      {dialog?.kind === 'flag' && <FlagModal d={dialog} onClose={close} />}
      {dialog?.kind === 'propose' && <ProposeModal d={dialog} onClose={close} />}
      {dialog?.kind === 'decide' && <DecideModal d={dialog} onClose={close} />}
    </Space>
  );
}
