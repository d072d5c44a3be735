import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { mobilityApi } from '../../api/endpoints';
import type { ContactRecord, Episode, MemberLedger, ThoughtReport } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useAuth } from '../../lib/auth';
import { formatTime, fulfilledText, periodLabel, todayIso } from '../../lib/format';
import {
  contactChannelLabels,
  documentLabel,
  leftOnLabel,
  letterKindLabels,
  letterStatusLabels,
  lifeModeLabels,
  monthsLabel,
  obligationKindLabels,
  obligationKinds,
  reasonLabel,
  reviewResultLabels,
} from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { ContactChangesCard } from '../contact-changes/ContactChangesCard';
import { ConfirmIssueButton } from './ConfirmIssue';
import { AcknowledgeModal, LifeModal, ReturnModal, ReviewModal, RevokeModal } from './dialogs';
import {
  issuable,
  issueText,
  openCertificatePdf,
  QuickContact,
  RequiredDocumentPanel,
  StateTag,
} from './shared';

type Dialog =
  | { kind: 'return'; episode: Episode }
  | { kind: 'revoke'; letterId: string; title: string }
  | { kind: 'ack'; report: ThoughtReport }
  | { kind: 'life' }
  | { kind: 'review' }
  | null;

function CertificateBlock({
  episode,
  canWrite,
  onDialog,
}: {
  episode: Episode;
  canWrite: boolean;
  onDialog: (d: Dialog) => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const cert = episode.certificate;
  const name = letterKindLabels[cert?.kind ?? episode.requiredDocument ?? ''] ?? '证明';
  const run = async (reissue: boolean) => {
    setBusy(true);
    try {
      const c = reissue
        ? await mobilityApi.reissueCertificate(episode.id)
        : await mobilityApi.issueCertificate(episode.id);
      message.success(`${reissue ? '已补办' : '已开具'}${name}：${c.number}`);
      void qc.invalidateQueries({ queryKey: ['mobility'] });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (!issuable(episode.requiredDocument)) return null;
  const expired = cert?.status === 'issued' && cert.validUntil < todayIso();
  const status = expired ? 'expired' : cert?.status;
  const origin = episode.side === 'origin';
  const open = episode.status === 'open';
  return (
    <Card size="small" title={name} style={{ marginTop: 16 }} data-testid="certificate-block">
      {cert ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'n',
              label: '编号',
              children: <span data-testid="certificate-number">{cert.number}</span>,
            },
            {
              key: 'c',
              label: '核验码',
              children: (
                <Typography.Text copyable={{ text: cert.code }} strong>
                  <span data-testid="certificate-code">{cert.code}</span>
                </Typography.Text>
              ),
            },
            { key: 'i', label: '开具日期', children: cert.issuedOn },
            { key: 'v', label: '有效期至', children: cert.validUntil },
            {
              key: 's',
              label: '状态',
              children: (
                <Tag color={status === 'issued' ? 'green' : 'default'} data-testid="certificate-status">
                  {letterStatusLabels[status ?? ''] ?? status}
                </Tag>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">尚未开具{name}。</Typography.Paragraph>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {cert?.status === 'issued' && (
          <Button type="primary" onClick={() => openCertificatePdf(episode.id)}>
            打印
          </Button>
        )}
        {canWrite && origin && open && cert?.status !== 'issued' && (
          <ConfirmIssueButton name={name} busy={busy} onConfirm={() => run(false)}>
            {cert ? `重新${issueText(episode.requiredDocument)}` : issueText(episode.requiredDocument)}
          </ConfirmIssueButton>
        )}
        {canWrite && origin && open && cert?.status === 'issued' && (
          <>
            <Popconfirm
              title={`${name}遗失补办`}
              description="原证将作废（核验显示“已作废”），并开具新编号、新核验码的证明。"
              okText="补办"
              cancelText="取消"
              onConfirm={() => run(true)}
            >
              <Button loading={busy}>遗失补办</Button>
            </Popconfirm>
            <Button danger onClick={() => onDialog({ kind: 'revoke', letterId: cert.id, title: name })}>
              作废
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}

function CurrentEpisode({
  episode,
  canWrite,
  onDialog,
}: {
  episode: Episode;
  canWrite: boolean;
  onDialog: (d: Dialog) => void;
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
        canWrite &&
        open &&
        episode.side === 'origin' && (
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
      <CertificateBlock episode={episode} canWrite={canWrite} onDialog={onDialog} />
    </Card>
  );
}

function Obligations({ ledger }: { ledger: MemberLedger }) {
  const byKind = new Map(ledger.obligations.map((o) => [o.kind, o]));
  return (
    <Card title="应办事项" size="small" data-testid="member-obligations">
      {ledger.obligations.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="当前没有应办事项（未外出或外出不满 3 个月）"
        />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="kind"
          dataSource={obligationKinds.flatMap((k) => {
            const o = byKind.get(k);
            return o ? [o] : [];
          })}
          columns={[
            {
              title: '事项',
              dataIndex: 'kind',
              render: (k: keyof typeof obligationKindLabels) => obligationKindLabels[k] ?? k,
            },
            { title: '期间', dataIndex: 'period', render: periodLabel },
            { title: '截止', dataIndex: 'dueOn' },
            { title: '完成', key: 'done', render: (_, o) => fulfilledText(o) ?? '—' },
            {
              title: '状态',
              dataIndex: 'state',
              render: (s, o) => (
                <span data-testid={`obligation-${o.kind}`}>
                  <StateTag state={s} />
                </span>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function Contacts({ items }: { items: ContactRecord[] }) {
  return (
    <Table<ContactRecord>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: '还没有联系记录' }}
      columns={[
        { title: '日期', dataIndex: 'contactedOn', width: 120 },
        {
          title: '方式',
          dataIndex: 'channel',
          width: 110,
          render: (c: ContactRecord['channel']) => contactChannelLabels[c] ?? c,
        },
        {
          title: '结果',
          dataIndex: 'reached',
          width: 100,
          render: (r: boolean) => (r ? <Tag color="green">已联系上</Tag> : <Tag color="red">未联系上</Tag>),
        },
        { title: '备注', dataIndex: 'note', render: (v) => v ?? '—' },
        { title: '登记人', dataIndex: 'byName', width: 120, render: (v) => v ?? '—' },
      ]}
    />
  );
}

function Reports({
  items,
  memberName,
  canWrite,
  onDialog,
}: {
  items: ThoughtReport[];
  memberName: string;
  canWrite: boolean;
  onDialog: (d: Dialog) => void;
}) {
  if (items.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="还没有思想汇报。党员可在手机“党员之家”提交。"
      />
    );
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {items.map((r) => (
        <Card
          key={r.id}
          size="small"
          title={
            <Space>
              {periodLabel(r.month)}
              {r.acknowledgedAt ? <Tag color="green">已阅</Tag> : <Tag color="gold">待阅</Tag>}
            </Space>
          }
          extra={
            <Space>
              <Typography.Text type="secondary">提交于 {formatTime(r.submittedAt)}</Typography.Text>
              {canWrite && !r.acknowledgedAt && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => onDialog({ kind: 'ack', report: { ...r, memberName } })}
                >
                  阅知
                </Button>
              )}
            </Space>
          }
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: r.acknowledgedAt ? 8 : 0 }}>
            {r.content}
          </Typography.Paragraph>
          {r.acknowledgedAt && (
            <Typography.Text type="secondary">
              {r.acknowledgedBy ?? ''} 于 {formatTime(r.acknowledgedAt)} 阅知
              {r.reply ? `，回复：${r.reply}` : ''}
            </Typography.Text>
          )}
        </Card>
      ))}
    </Space>
  );
}

function History({ episodes }: { episodes: Episode[] }) {
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

function summary(ledger: MemberLedger, current: Episode | undefined): string {
  const lastContact = ledger.contacts.find((c) => c.reached)?.contactedOn;
  const lastReport = ledger.reports[0]?.month;
  const away =
    current?.status === 'open'
      ? `自 ${leftOnLabel(current.leftOn)} 起在${current.destinationName ?? '外地'}（${reasonLabel(current.reason)}）`
      : current
        ? `最近一次外出已于 ${current.returnedOn} 返回`
        : '没有外出登记';
  return `${away}；最近联系上：${lastContact ?? '无'}；最近思想汇报：${lastReport ? periodLabel(lastReport) : '无'}。`;
}

function LedgerView({ ledger }: { ledger: MemberLedger }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const canWrite = can('member.write');
  const [dialog, setDialog] = useState<Dialog>(null);
  const current = ledger.episodes.find((e) => e.status === 'open') ?? ledger.episodes[0];
  const open = current?.status === 'open';
  const name = ledger.memberName ?? '';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="ledger-member-name">一人一台账 · {name}</span>
            {open ? <Tag color="blue">流动党员</Tag> : <Tag>未外出</Tag>}
            {ledger.lostContact && <Tag color="volcano">失联</Tag>}
            {ledger.standing === 'stopped' && <Tag>停止党籍</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <Button onClick={() => navigate('/mobility')}>返回台账</Button>
            <Button onClick={() => navigate(`/members/${ledger.memberId}`)}>党员档案</Button>
            {canWrite && !open && (
              <Button type="primary" onClick={() => navigate(`/mobility/new?memberId=${ledger.memberId}`)}>
                外出登记
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Text data-testid="ledger-summary">{summary(ledger, current)}</Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {current ? (
            <CurrentEpisode episode={current} canWrite={canWrite} onDialog={setDialog} />
          ) : (
            <Card title="外出情况">
              <Empty description="该党员没有外出登记" />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Obligations ledger={ledger} />
            <ContactChangesCard memberId={ledger.memberId} canWrite={canWrite} />
            {canWrite && (
              <Card title="登记联系（一月一联系）" size="small">
                <QuickContact memberId={ledger.memberId} memberName={name} />
              </Card>
            )}
          </Space>
        </Col>
      </Row>
      <Card>
        <Tabs
          items={[
            {
              key: 'contacts',
              label: `联系记录（${ledger.contacts.length}）`,
              children: <Contacts items={ledger.contacts} />,
            },
            {
              key: 'reports',
              label: `思想汇报（${ledger.reports.length}）`,
              children: (
                <Reports items={ledger.reports} memberName={name} canWrite={canWrite} onDialog={setDialog} />
              ),
            },
            {
              key: 'life',
              label: `组织生活（${ledger.life.length}）`,
              children: (
                <>
                  {canWrite && (
                    <Button style={{ marginBottom: 12 }} onClick={() => setDialog({ kind: 'life' })}>
                      登记参加组织生活
                    </Button>
                  )}
                  <Table
                    rowKey={(r) => r.id ?? `${r.heldOn}-${r.topic}`}
                    size="small"
                    dataSource={ledger.life}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    locale={{ emptyText: '还没有参加组织生活的记录' }}
                    columns={[
                      { title: '日期', dataIndex: 'heldOn', width: 130 },
                      {
                        title: '方式',
                        dataIndex: 'mode',
                        width: 120,
                        render: (m: keyof typeof lifeModeLabels) => lifeModeLabels[m] ?? m,
                      },
                      { title: '主题', dataIndex: 'topic', render: (v) => v ?? '—' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'reviews',
              label: `年度评议（${ledger.reviews.length}）`,
              children: (
                <>
                  {canWrite && (
                    <Button style={{ marginBottom: 12 }} onClick={() => setDialog({ kind: 'review' })}>
                      登记年度评议
                    </Button>
                  )}
                  <Table
                    rowKey="year"
                    size="small"
                    dataSource={ledger.reviews}
                    pagination={false}
                    locale={{ emptyText: '还没有年度评议记录' }}
                    columns={[
                      { title: '年度', dataIndex: 'year', width: 100 },
                      {
                        title: '结果',
                        dataIndex: 'result',
                        width: 120,
                        render: (r: keyof typeof reviewResultLabels) => (
                          <Tag color={r === 'unqualified' ? 'red' : r === 'excellent' ? 'gold' : 'green'}>
                            {reviewResultLabels[r] ?? r}
                          </Tag>
                        ),
                      },
                      { title: '备注', dataIndex: 'note', render: (v) => v ?? '—' },
                      { title: '登记人', dataIndex: 'reviewedBy', width: 120, render: (v) => v ?? '—' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'history',
              label: `外出经历（${ledger.episodes.length}）`,
              children: <History episodes={ledger.episodes} />,
            },
          ]}
        />
      </Card>
      {dialog?.kind === 'return' && <ReturnModal episode={dialog.episode} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'revoke' && (
        <RevokeModal letterId={dialog.letterId} title={dialog.title} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'ack' && <AcknowledgeModal report={dialog.report} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'life' && <LifeModal memberId={ledger.memberId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'review' && (
        <ReviewModal memberId={ledger.memberId} onClose={() => setDialog(null)} />
      )}
    </Space>
  );
}

export default function MemberLedgerPage() {
  const { memberId } = useParams();
  const q = useQuery({
    queryKey: ['mobility', 'member-ledger', memberId],
    queryFn: () => mobilityApi.memberLedger(memberId!),
  });
  usePageTitle(q.data?.memberName ? `${q.data.memberName} - 一人一台账` : '一人一台账');
  return <QueryState query={q}>{(ledger) => <LedgerView ledger={ledger} />}</QueryState>;
}
