import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesRemittance } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState, InlineError } from '../../components/QueryState';
import { useAuth } from '../../lib/auth';
import { todayIso } from '../../lib/format';
import { usePageTitle } from '../../lib/title';
import { monthLabel, yuan } from './labels';
import { duesWrites, YearFormAndList } from './shared';

const monthRule = { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '格式如 2026-03' };

interface Values {
  fromMonth: string;
  toMonth: string;
  amount?: number;
  sentOn: dayjs.Dayjs;
  note?: string;
}

/** 上缴: what this organization sends up for a period; left empty, the amount is what the ledger collected. */
function RemitForm({ orgId, year }: { orgId: string; year: number }) {
  const [form] = Form.useForm<Values>();
  const remit = useFormMutation({
    mutate: (v: Values) =>
      duesApi.remit({
        fromOrgId: orgId,
        fromMonth: v.fromMonth,
        toMonth: v.toMonth,
        amount: v.amount !== undefined && v.amount !== null ? v.amount.toFixed(2) : undefined,
        sentOn: v.sentOn.format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
      }),
    success: (r) => `已登记上缴 ${r.amount} 元`,
    invalidate: duesWrites,
    onDone: () => form.resetFields(),
  });
  return (
    <Card title="登记上缴">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        党费一般按季度上缴，最长不超过半年。金额不填时按账上该期间实收金额上缴。
      </Typography.Paragraph>
      <InlineError error={remit.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={remit.submit}
        initialValues={{ fromMonth: `${year}-01`, toMonth: `${year}-03`, sentOn: dayjs(todayIso()) }}
      >
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item label="自（月份）" name="fromMonth" rules={[{ required: true }, monthRule]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="至（月份）" name="toMonth" rules={[{ required: true }, monthRule]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="上缴金额（元，可不填）" name="amount">
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="上缴日期" name="sentOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={remit.busy}>
          登记上缴
        </Button>
      </Form>
    </Card>
  );
}

function RemittanceList({ orgId, year }: { orgId: string; year: number }) {
  const { can } = useAuth();
  const q = useQuery({
    queryKey: keys.dues.remittances(orgId, year),
    queryFn: () => duesApi.remittances(orgId, year),
  });
  const receive = useFormMutation({
    mutate: (r: DuesRemittance) => duesApi.receiveRemittance(r.id, { receivedOn: todayIso() }),
    success: '已确认收到',
    invalidate: duesWrites,
    errorToast: true,
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Card title={`${year} 年上缴记录`}>
      <Table<DuesRemittance>
        rowKey="id"
        size="middle"
        data-testid="remittance-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '没有上缴记录' }}
        columns={[
          { title: '上缴组织', dataIndex: 'fromOrgName' },
          { title: '接收组织', dataIndex: 'toOrgName' },
          {
            title: '期间',
            key: 'period',
            render: (_: unknown, r) => `${monthLabel(r.fromMonth)}—${monthLabel(r.toMonth)}`,
          },
          { title: '账上实收', dataIndex: 'collected', align: 'right', render: yuan },
          { title: '上缴', dataIndex: 'amount', align: 'right', render: yuan },
          { title: '上缴日期', dataIndex: 'sentOn' },
          {
            title: '接收',
            key: 'received',
            render: (_: unknown, r) =>
              r.receivedOn ? (
                <span>
                  <Tag color="green">已收到</Tag>
                  {r.receivedOn}{' '}
                  {r.receivedAmount && r.receivedAmount !== r.amount ? yuan(r.receivedAmount) : ''}
                </span>
              ) : r.toOrgId === orgId && can('dues.write') ? (
                <Button size="small" type="primary" onClick={() => receive.submit(r)}>
                  确认收到
                </Button>
              ) : (
                <Tag color="gold">待上级确认</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 上缴: what each level sent up and what the level above received. */
export default function RemittancesPage() {
  usePageTitle('党费上缴');
  return (
    <YearFormAndList
      formSpan={8}
      form={(orgId, year) => <RemitForm orgId={orgId} year={year} />}
      list={(orgId, year) => <RemittanceList orgId={orgId} year={year} />}
    />
  );
}
