import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type ContactChange, contactChangeApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { useFormMutation } from '../../api/use-form-mutation';
import { formatTime } from '../../lib/format';
import { contactChangeStatusColors, contactChangeStatusLabels } from '../../lib/labels';

function proposalText(c: ContactChange): string {
  return [
    c.phone && `手机号 ${c.phone}`,
    c.address && `住址 ${c.address}`,
    c.regionName && `现居城市 ${c.regionName}`,
    c.otherContact && `微信/邮箱 ${c.otherContact}`,
  ]
    .filter(Boolean)
    .join('；');
}

/**
 * The member's own proposals of new contact details (from the portal), for the branch to confirm
 * or send back with a reason. Shown only when there is one to see.
 */
export function ContactChangesCard({ memberId, canWrite }: { memberId: string; canWrite: boolean }) {
  const [rejecting, setRejecting] = useState<ContactChange | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: keys.contactChanges.ofMember(memberId),
    queryFn: () => contactChangeApi.list({ memberId }),
  });
  // A decision changes the member's record, the register's lists and the mobility ledger's contacts.
  const changed = [keys.members.details, keys.members.all, keys.mobility.all];
  const approve = useFormMutation({
    mutate: (c: ContactChange) => contactChangeApi.approve(c.id),
    success: '已确认，党员信息已更新',
    invalidate: changed,
    errorToast: true,
  });
  const reject = useFormMutation({
    mutate: (v: { change: ContactChange; reason: string }) => contactChangeApi.reject(v.change.id, v.reason),
    success: '已退回',
    invalidate: changed,
    errorToast: true,
    onDone: () => {
      setRejecting(null);
      setReason('');
    },
  });
  const items = (q.data?.items ?? []).slice(0, 5);
  if (items.length === 0) return null;
  const pending = items.filter((c) => c.status === 'pending').length;
  return (
    <Card
      size="small"
      data-testid="contact-changes"
      title={
        <Space>
          党员提出的联系方式变更
          {pending > 0 && <Tag color="orange">{pending} 项待确认</Tag>}
        </Space>
      }
    >
      <List
        size="small"
        dataSource={items}
        renderItem={(c) => (
          <List.Item
            actions={
              canWrite && c.status === 'pending'
                ? [
                    <Popconfirm
                      key="ok"
                      title="确认变更？"
                      description="将更新党员信息和本次外出登记的联系方式，并记入审计。"
                      okText="确认变更"
                      cancelText="取消"
                      onConfirm={() => approve.submitAsync(c).catch(() => undefined)}
                    >
                      <Button
                        type="primary"
                        size="small"
                        loading={approve.busy && approve.variables?.id === c.id}
                      >
                        确认
                      </Button>
                    </Popconfirm>,
                    <Button key="no" size="small" onClick={() => setRejecting(c)}>
                      退回
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={contactChangeStatusColors[c.status]}>{contactChangeStatusLabels[c.status]}</Tag>
                  <span>{formatTime(c.createdAt)} 提出</span>
                </Space>
              }
              description={
                <div>
                  <div>{proposalText(c)}</div>
                  {c.status !== 'pending' && (
                    <Typography.Text type="secondary">
                      {c.decidedBy} 于 {formatTime(c.decidedAt)}
                      {c.status === 'approved' ? '确认' : `退回：${c.rejectReason ?? ''}`}
                    </Typography.Text>
                  )}
                </div>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={rejecting !== null}
        title="退回联系方式变更"
        okText="退回"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === '', loading: approve.busy || reject.busy }}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && reject.submit({ change: rejecting, reason: reason.trim() })}
      >
        <Typography.Paragraph>退回理由将显示给党员本人。</Typography.Paragraph>
        <Input.TextArea
          aria-label="退回理由"
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="例如：新号码无法接通，请核实后重新提交"
        />
      </Modal>
    </Card>
  );
}
