import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesRelief, DuesReliefKind, DuesReliefStatus } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { MemberPicker } from '../../components/MemberPicker';
import { ErrorState, InlineError } from '../../components/QueryState';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/title';
import {
  duesReliefKindLabels,
  duesReliefStatusLabels,
  monthLabel,
  reliefStepLabels,
  thisMonth,
  yuan,
} from './labels';
import { QuarterlyCard } from './QuarterlyCard';
import { duesWrites, NeedsOrg } from './shared';

const monthRule = { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '格式如 2026-01' };

interface Values {
  memberId: string;
  kind: DuesReliefKind;
  fromMonth: string;
  toMonth: string;
  monthlyAmount?: number;
  hardship: boolean;
  reason: string;
}

/** 提出少交/免交: the branch's proposal; who approves it next the server decides (篇二 L250). */
function RequestForm({ orgId }: { orgId: string }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const save = useFormMutation({
    mutate: (v: Values) =>
      duesApi.requestRelief({
        ...v,
        reason: v.reason.trim(),
        monthlyAmount:
          v.kind === 'reduction' && v.monthlyAmount !== undefined ? v.monthlyAmount.toFixed(2) : undefined,
      }),
    success: '已提出，等待审批',
    invalidate: duesWrites,
    onDone: () => form.resetFields(),
  });
  const year = thisMonth().slice(0, 4);
  return (
    <Card title="提出少交或免交">
      <InlineError error={save.error} />
      <Form<Values>
        name="relief"
        form={form}
        layout="vertical"
        onFinish={save.submit}
        initialValues={{ kind: 'exemption', fromMonth: `${year}-01`, toMonth: `${year}-12`, hardship: false }}
      >
        <Form.Item label="党员" name="memberId" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberPicker orgId={orgId} />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Select
            options={Object.entries(duesReliefKindLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
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
        {kind === 'reduction' && (
          <Form.Item
            label="每月交纳（元）"
            name="monthlyAmount"
            rules={[{ required: true, message: '请填写金额' }]}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="hardship" valuePropName="checked" extra="离退休党员生活确有困难的，党支部同意即可">
          <Checkbox>离退休党员，生活确有困难</Checkbox>
        </Form.Item>
        <Form.Item
          label="原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.busy}>
          提出
        </Button>
      </Form>
    </Card>
  );
}

function ReliefList({ orgId }: { orgId: string }) {
  const [status, setStatus] = useState<DuesReliefStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: keys.dues.reliefs(orgId, status, page),
    queryFn: () =>
      duesApi.reliefs({ orgId, status: status === 'all' ? undefined : status, page, pageSize: 20 }),
  });
  const decide = useFormMutation({
    mutate: (v: { relief: DuesRelief; approve: boolean }) =>
      duesApi.decideRelief(v.relief.id, { step: v.relief.nextStep!, approve: v.approve }),
    success: (_, v) => (v.approve ? '已同意' : '已不同意'),
    invalidate: duesWrites,
    errorToast: true,
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Card
      title="少交、免交记录"
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as DuesReliefStatus | 'all');
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            ...Object.entries(duesReliefStatusLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
      }
    >
      <Table<DuesRelief>
        rowKey="id"
        size="middle"
        data-testid="relief-table"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        locale={{ emptyText: '没有记录' }}
        columns={[
          { title: '姓名', dataIndex: 'memberName' },
          {
            title: '类型',
            dataIndex: 'kind',
            render: (k: string, r) =>
              `${duesReliefKindLabels[k]}${r.monthlyAmount ? `（每月 ${yuan(r.monthlyAmount)}）` : ''}`,
          },
          {
            title: '期间',
            key: 'period',
            render: (_: unknown, r) => `${monthLabel(r.fromMonth)}—${monthLabel(r.toMonth)}`,
          },
          { title: '原因', dataIndex: 'reason' },
          {
            title: '审批',
            dataIndex: 'status',
            render: (s: string, r) => (
              <span>
                <Tag color={s === 'approved' ? 'green' : s === 'rejected' ? 'red' : 'gold'}>
                  {duesReliefStatusLabels[s]}
                </Tag>
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>
                  {r.chain.map((c) => reliefStepLabels[c]).join(' → ')}
                </div>
              </span>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r) =>
              r.nextStep && r.canDecide ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => decide.submit({ relief: r, approve: true })}
                  >
                    {r.nextStep === 'branch' ? '支部同意' : '党委批准'}
                  </Button>
                  <Button size="small" danger onClick={() => decide.submit({ relief: r, approve: false })}>
                    不同意
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** 少交免交: the branch proposes, the next-higher committee approves (a retiree in hardship: the branch alone). */
export default function ReliefsPage() {
  usePageTitle('党费少交免交');
  const { can } = useAuth();
  return (
    <NeedsOrg>
      {(org) => (
        <Row gutter={[16, 16]}>
          {can('dues.write') && (
            <Col xs={24} xl={8}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <RequestForm orgId={org.id} />
                <QuarterlyCard orgId={org.id} />
              </Space>
            </Col>
          )}
          <Col xs={24} xl={can('dues.write') ? 16 : 24}>
            <ReliefList orgId={org.id} />
          </Col>
        </Row>
      )}
    </NeedsOrg>
  );
}
