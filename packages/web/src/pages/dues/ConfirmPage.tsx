import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesPayment } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState, InlineError } from '../../components/QueryState';
import { validated } from '../../lib/forms';
import { usePageTitle } from '../../lib/title';
import { duesChannelLabels, monthsLabel, yuan } from './labels';
import { duesWrites, NeedsOrg } from './shared';

function RejectModal({ payment, onClose }: { payment: DuesPayment; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useFormMutation({
    mutate: (v: { reason: string }) => duesApi.rejectPayment(payment.id, v.reason.trim()),
    success: '已退回，党员在手机上会看到这条记录已退回',
    invalidate: duesWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`退回：${payment.memberName} 的交纳记录`}
      okText="退回"
      okButtonProps={{ danger: true }}
      confirmLoading={reject.busy}
      onOk={async () => reject.submit(await validated(form))}
      onCancel={onClose}
    >
      <InlineError error={reject.error} />
      <Form form={form} layout="vertical">
        <Form.Item
          label="退回原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder="如：未查到这笔转账，请核对后重新提交" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Submitted({ orgId }: { orgId: string }) {
  const [rejecting, setRejecting] = useState<DuesPayment | null>(null);
  const q = useQuery({
    queryKey: keys.dues.payments(orgId, 'submitted'),
    queryFn: () => duesApi.payments({ orgId, status: 'submitted', pageSize: 100 }),
    // Members submit from their phones at any time: look again whenever the page is opened.
    refetchOnMount: 'always',
    refetchOnWindowFocus: true,
  });
  const confirm = useFormMutation({
    mutate: (p: DuesPayment) => duesApi.confirmPayment(p.id),
    success: (r) => `已确认，收据编号 ${r.receiptNumber ?? ''}`,
    invalidate: duesWrites,
    errorToast: true,
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Card title="党员在手机上提交的交纳记录">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        党员线上自行交纳后提交的记录，核对到账后确认（确认后编号出具收据、计入当月已交）；不符的退回并写明原因。
      </Typography.Paragraph>
      <Table<DuesPayment>
        rowKey="id"
        size="middle"
        data-testid="dues-submitted-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: q.isLoading ? '正在加载…' : '没有待确认的交纳记录' }}
        columns={[
          { title: '姓名', dataIndex: 'memberName' },
          { title: '月份', dataIndex: 'months', render: (m: string[]) => monthsLabel(m) },
          { title: '金额', dataIndex: 'amount', align: 'right', render: yuan },
          { title: '应交', dataIndex: 'due', align: 'right', render: yuan },
          { title: '日期', dataIndex: 'paidOn' },
          {
            title: '方式 / 单号',
            dataIndex: 'channel',
            render: (c: string, r) => `${duesChannelLabels[c]}${r.reference ? ` ${r.reference}` : ''}`,
          },
          { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r) =>
              r.abilities.confirm && (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    loading={confirm.busy && confirm.variables?.id === r.id}
                    onClick={() => confirm.submit(r)}
                  >
                    确认到账
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(r)}>
                    退回
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {rejecting && <RejectModal payment={rejecting} onClose={() => setRejecting(null)} />}
    </Card>
  );
}

/** 党员提交: payments members recorded themselves on the portal, waiting for staff to confirm them. */
export default function ConfirmPage() {
  usePageTitle('党员提交的交纳记录');
  return <NeedsOrg>{(org) => <Submitted orgId={org.id} />}</NeedsOrg>;
}
