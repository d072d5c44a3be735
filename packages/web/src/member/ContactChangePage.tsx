import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { type ContactChange, contactChangeApi, memberApi } from '../api/endpoints';
import { keys } from '../api/keys';
import type { ContactChangeInput } from '../api/types';
import { useFormMutation } from '../api/use-form-mutation';
import { RegionCascader } from '../components/RegionCascader';
import { useMe } from '../lib/auth';
import { formatTime } from '../lib/format';
import { contactChangeStatusColors, contactChangeStatusLabels } from '../lib/labels';
import { usePageTitle } from '../lib/title';
import { PortalCard } from './PortalCard';
import { PORTAL_NAME } from './portal-style';

const tap = { height: 52, fontSize: 17 };
const field = { display: 'block', margin: '12px 0 6px', fontSize: 16 } as const;

function Proposal({ c }: { c: ContactChange }) {
  const parts = [
    c.phone && `手机号 ${c.phone}`,
    c.address && `住址 ${c.address}`,
    c.regionName && `现居城市 ${c.regionName}`,
    c.otherContact && `微信/邮箱 ${c.otherContact}`,
  ].filter(Boolean);
  return (
    <li style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0', listStyle: 'none' }}>
      <Tag color={contactChangeStatusColors[c.status]} data-testid="contact-change-status">
        {contactChangeStatusLabels[c.status]}
      </Tag>
      <span style={{ color: '#8c8c8c' }}>{formatTime(c.createdAt)}</span>
      <div style={{ marginTop: 4 }}>{parts.join('；')}</div>
      {c.status === 'rejected' && c.rejectReason && (
        <div style={{ color: '#d46b08', marginTop: 4 }}>退回理由：{c.rejectReason}</div>
      )}
    </li>
  );
}

/**
 * 党员本人 proposes new contact details — a mobile member changes phone and city often. They take
 * effect when the branch confirms them (and the branch may send them back with a reason).
 */
export default function ContactChangePage() {
  usePageTitle('修改联系方式', PORTAL_NAME);
  const me = useMe();
  const navigate = useNavigate();
  const member = useQuery({
    queryKey: keys.members.detail(me.memberId),
    queryFn: () => memberApi.get(me.memberId!),
  });
  const mine = useQuery({ queryKey: keys.contactChanges.mine, queryFn: contactChangeApi.mine });
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [region, setRegion] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const pending = mine.data?.items.find((c) => c.status === 'pending');
  const empty = !phone.trim() && !address.trim() && !region && !other.trim();

  const { busy, error, submit } = useFormMutation({
    mutate: (proposal: ContactChangeInput) => contactChangeApi.propose(proposal),
    success: '已提交，党支部确认后生效',
    invalidate: [keys.contactChanges.mine],
    onDone: () => {
      setPhone('');
      setAddress('');
      setRegion(null);
      setOther('');
    },
  });

  return (
    <>
      <PortalCard title="修改联系方式">
        <p style={{ color: '#8c8c8c', marginTop: 0 }}>
          只填要变更的项。提交后由党支部核对确认，确认后才更新您的信息。
          {member.data?.phone ? `现登记的手机号：${member.data.phone}。` : ''}
        </p>
        {pending ? (
          <Alert
            type="info"
            showIcon
            data-testid="contact-change-pending"
            title="已提交，等待党支部确认"
            description="确认或退回后可再次提交。"
          />
        ) : (
          <>
            <label htmlFor="cc-phone" style={field}>
              新手机号
            </label>
            <Input
              id="cc-phone"
              size="large"
              inputMode="tel"
              maxLength={20}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
            <label htmlFor="cc-address" style={field}>
              家庭住址
            </label>
            <Input
              id="cc-address"
              size="large"
              maxLength={200}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
            {member.data?.mobile && (
              <>
                <label htmlFor="cc-region" style={field}>
                  现居城市（外出期间）
                </label>
                <RegionCascader
                  id="cc-region"
                  value={region}
                  onChange={setRegion}
                  placeholder="请选择省/市/县"
                />
              </>
            )}
            <label htmlFor="cc-other" style={field}>
              微信号或电子邮箱
            </label>
            <Input
              id="cc-other"
              size="large"
              maxLength={100}
              value={other}
              onChange={(e) => setOther(e.target.value)}
            />
            {error ? (
              <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(error)} />
            ) : null}
            <Button
              type="primary"
              block
              style={{ ...tap, marginTop: 16 }}
              disabled={empty}
              loading={busy}
              onClick={() =>
                submit({
                  phone: phone.trim() || null,
                  address: address.trim() || null,
                  region,
                  otherContact: other.trim() || null,
                })
              }
            >
              提交给党支部确认
            </Button>
          </>
        )}
        <Button block style={{ ...tap, marginTop: 12 }} onClick={() => navigate('/m')}>
          返回我的信息
        </Button>
      </PortalCard>
      {(mine.data?.items.length ?? 0) > 0 && (
        <div style={{ marginTop: 12 }}>
          <PortalCard title="我的变更申请">
            <ul style={{ margin: 0, padding: 0 }} data-testid="contact-change-list">
              {mine.data?.items.map((c) => (
                <Proposal key={c.id} c={c} />
              ))}
            </ul>
          </PortalCard>
        </div>
      )}
    </>
  );
}
