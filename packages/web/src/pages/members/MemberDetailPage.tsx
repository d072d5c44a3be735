import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Result, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { memberApi, printApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { HistoryEntry, Member } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState, QueryState } from '../../components/QueryState';
import { regionLabel, useRegions } from '../../components/regions';
import { useAuth } from '../../lib/auth';
import { type ChangeContext, describeFields } from '../../lib/change-format';
import {
  auditActionLabels,
  duesCategoryLabels,
  educationLabels,
  exitKindLabels,
  genderLabels,
  kindLabels,
  label,
  standingLabels,
  stopReasonLabels,
} from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { MemberLifeCard } from '../meetings/MemberLifeCard';
import { MobilitySummary } from '../mobility/MobilitySummary';

type Revealed = Partial<Pick<Member, 'idNumber' | 'phone' | 'address'>>;

function RevealButton({ member, onRevealed }: { member: Member; onRevealed: (r: Revealed) => void }) {
  const { modal } = App.useApp();
  // Seeing the full details is audited on the server: it is asked for once, after a confirmation.
  const reveal = useFormMutation({
    mutate: (id: string) => memberApi.get(id, ['idNumber', 'phone', 'address']),
    errorToast: true,
    onDone: (full) => onRevealed({ idNumber: full.idNumber, phone: full.phone, address: full.address }),
  });
  const ask = () =>
    modal.confirm({
      title: '查看完整个人信息',
      content: `将显示 ${member.name} 的完整公民身份号码、联系电话和家庭住址。本次查看将记入审计日志，请仅在工作需要时查看。`,
      okText: '确认查看',
      cancelText: '取消',
      onOk: () => reveal.submitAsync(member.id).catch(() => undefined),
    });
  return (
    <Button size="small" onClick={ask}>
      显示完整信息
    </Button>
  );
}

function BasicInfo({
  m,
  revealed,
  canReveal,
  onRevealed,
}: {
  m: Member;
  revealed: Revealed;
  canReveal: boolean;
  onRevealed: (r: Revealed) => void;
}) {
  return (
    <Descriptions
      bordered
      column={{ xs: 1, md: 2 }}
      extra={canReveal && !revealed.idNumber ? <RevealButton member={m} onRevealed={onRevealed} /> : null}
      items={[
        { key: 'name', label: '姓名', children: m.name },
        { key: 'gender', label: '性别', children: genderLabels[m.gender] },
        { key: 'ethnicity', label: '民族', children: m.ethnicity ?? '—' },
        {
          key: 'id',
          label: '公民身份号码',
          children: <span data-testid="member-id-number">{revealed.idNumber ?? m.idNumber}</span>,
        },
        { key: 'birth', label: '出生日期', children: m.birthDate },
        { key: 'edu', label: '学历', children: label(educationLabels, m.education) },
        { key: 'occ', label: '人员类别', children: m.occupation ?? '—' },
        { key: 'post', label: '工作岗位', children: m.jobPost ?? '—' },
        { key: 'phone', label: '联系电话', children: revealed.phone ?? m.phone ?? '—' },
        { key: 'addr', label: '家庭住址', children: revealed.address ?? m.address ?? '—' },
      ]}
    />
  );
}

function PartyInfo({ m }: { m: Member }) {
  const regions = useRegions();
  return (
    <Descriptions
      bordered
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'org', label: '所在党组织', children: <Link to={`/orgs/${m.orgId}`}>{m.orgName}</Link> },
        { key: 'kind', label: '党员类型', children: kindLabels[m.kind] },
        { key: 'joined', label: '加入党组织日期', children: m.joinedOn },
        { key: 'full', label: '转为正式党员日期', children: m.fullOn ?? '—' },
        {
          key: 'standing',
          label: '党籍状态',
          children: `${standingLabels[m.standing]}${m.stopReason ? `（${label(stopReasonLabels, m.stopReason)}）` : ''}`,
        },
        { key: 'dues', label: '党费类别', children: label(duesCategoryLabels, m.duesCategory) },
        {
          key: 'lost',
          label: '失联党员',
          children: m.lostContact ? `是，自 ${m.lostContactSince ?? '—'} 失去联系` : '否',
        },
        {
          key: 'mobile',
          label: '流动党员',
          children: m.mobile
            ? `是，外出流向：${regionLabel(regions.data, m.destinationRegion) ?? m.destinationRegion ?? '未填写'}`
            : '否',
        },
        ...(m.exitKind
          ? [
              {
                key: 'exit',
                label: '出党',
                children: `${label(exitKindLabels, m.exitKind)}（${m.exitOn ?? ''}）`,
              },
            ]
          : []),
        { key: 'updated', label: '最后修改', children: new Date(m.updatedAt).toLocaleString('zh-CN') },
      ]}
    />
  );
}

function History({ id }: { id: string }) {
  const q = useQuery({ queryKey: keys.members.history(id), queryFn: () => memberApi.history(id) });
  const regions = useRegions();
  const ctx: ChangeContext = { refs: q.data?.refs, regions: regions.data };
  const formatChange = (doc: Record<string, unknown> | null) => {
    const lines = describeFields(doc, ctx);
    return lines.length ? lines.map((l) => `${l.label}：${l.value}`).join('；') : '—';
  };
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Table<HistoryEntry>
      rowKey="id"
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{
        emptyText: q.isLoading ? (
          '正在加载…'
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" />
        ),
      }}
      columns={[
        {
          title: '时间',
          dataIndex: 'at',
          width: 180,
          render: (v: string) => new Date(v).toLocaleString('zh-CN'),
        },
        { title: '操作人', dataIndex: 'actorName', width: 120, render: (v) => v ?? '系统' },
        {
          title: '操作',
          dataIndex: 'action',
          width: 140,
          render: (v: string) => label(auditActionLabels, v),
        },
        { title: '修改前', dataIndex: 'before', render: formatChange },
        { title: '修改后', dataIndex: 'after', render: formatChange },
      ]}
    />
  );
}

const comingSoon = (what: string) => (
  <Result status="info" title="即将上线" subTitle={`${what}功能正在建设中，敬请期待。`} />
);

function MemberView({ m }: { m: Member }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [revealed, setRevealed] = useState<Revealed>({});
  return (
    <Card
      title={
        <Space>
          <span data-testid="member-name">{m.name}</span>
          <Tag color={m.kind === 'full' ? 'red' : 'orange'}>{kindLabels[m.kind]}</Tag>
          {m.mobile && <Tag color="blue">流动党员</Tag>}
          {m.lostContact && <Tag color="volcano">失联</Tag>}
          {m.standing === 'stopped' && <Tag>停止党籍</Tag>}
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => navigate('/members')}>返回名册</Button>
          <Button href={printApi.memberFormPdfUrl(m.id)} target="_blank" data-testid="print-member-form">
            打印采集表
          </Button>
          {can('member.write') && (
            <Button type="primary" onClick={() => navigate(`/members/${m.id}/edit`)}>
              编辑
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        items={[
          {
            key: 'basic',
            label: '基本信息',
            children: (
              <BasicInfo
                m={m}
                revealed={revealed}
                canReveal={can('member.reveal')}
                onRevealed={setRevealed}
              />
            ),
          },
          { key: 'party', label: '党籍信息', children: <PartyInfo m={m} /> },
          { key: 'history', label: '变更记录', children: <History id={m.id} /> },
          { key: 'mobility', label: '流动', children: <MobilitySummary memberId={m.id} /> },
          { key: 'life', label: '组织生活', children: <MemberLifeCard memberId={m.id} /> },
          { key: 'dues', label: '党费', children: comingSoon('党费收缴') },
          { key: 'points', label: '积分', children: comingSoon('积分管理') },
        ]}
      />
    </Card>
  );
}

export default function MemberDetailPage() {
  const { id } = useParams();
  const q = useQuery({ queryKey: keys.members.detail(id), queryFn: () => memberApi.get(id!) });
  usePageTitle(q.data ? `${q.data.name} - 党员详情` : '党员详情');
  return <QueryState query={q}>{(m) => <MemberView m={m} />}</QueryState>;
}
