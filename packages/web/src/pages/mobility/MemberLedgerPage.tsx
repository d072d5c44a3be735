import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { Episode, MemberLedger } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useAuth } from '../../lib/auth';
import { periodLabel } from '../../lib/format';
import { leftOnLabel, reasonLabel } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { ContactChangesCard } from '../contact-changes/ContactChangesCard';
import { AcknowledgeModal, LifeModal, ReturnModal, ReviewModal, RevokeModal } from './dialogs';
import { CurrentEpisode } from './member-ledger/CurrentEpisode';
import type { LedgerDialog } from './member-ledger/dialog';
import { History } from './member-ledger/History';
import { Obligations } from './member-ledger/Obligations';
import { Contacts, LifeRecords, ReviewRecords } from './member-ledger/Records';
import { Reports } from './member-ledger/Reports';
import { QuickContact } from './shared';

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
  const allowed = ledger.abilities;
  const [dialog, setDialog] = useState<LedgerDialog>(null);
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
            {allowed.createOutflow && (
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
            <CurrentEpisode episode={current} onDialog={setDialog} />
          ) : (
            <Card title="外出情况">
              <Empty description="该党员没有外出登记" />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Obligations ledger={ledger} />
            {/* The contact-change requests carry no abilities of their own yet: the card keeps the permission. */}
            <ContactChangesCard memberId={ledger.memberId} canWrite={can('member.write')} />
            {allowed.logContact && (
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
                <Reports
                  items={ledger.reports}
                  memberName={name}
                  canAcknowledge={allowed.acknowledgeReport}
                  onDialog={setDialog}
                />
              ),
            },
            {
              key: 'life',
              label: `组织生活（${ledger.life.length}）`,
              children: (
                <LifeRecords
                  items={ledger.life}
                  onRecord={allowed.recordLife ? () => setDialog({ kind: 'life' }) : undefined}
                />
              ),
            },
            {
              key: 'reviews',
              label: `年度评议（${ledger.reviews.length}）`,
              children: (
                <ReviewRecords
                  items={ledger.reviews}
                  onRecord={allowed.recordReview ? () => setDialog({ kind: 'review' }) : undefined}
                />
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
    queryKey: keys.mobility.memberLedger(memberId),
    queryFn: () => mobilityApi.memberLedger(memberId!),
  });
  usePageTitle(q.data?.memberName ? `${q.data.memberName} - 一人一台账` : '一人一台账');
  return <QueryState query={q}>{(ledger) => <LedgerView ledger={ledger} />}</QueryState>;
}
