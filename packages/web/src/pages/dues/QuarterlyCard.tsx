import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, List, Row } from 'antd';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesQuarterlyInput } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { MemberPicker } from '../../components/MemberPicker';
import { InlineError } from '../../components/QueryState';
import { monthLabel } from './labels';
import { duesWrites } from './shared';

const monthRule = { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '格式如 2026-01' };

/** 按季度交纳: the branch's consent for a member in special circumstances (篇二 L224), and its record. */
export function QuarterlyCard({ orgId }: { orgId: string }) {
  const [form] = Form.useForm<DuesQuarterlyInput>();
  const memberId = Form.useWatch('memberId', form);
  const list = useQuery({
    queryKey: keys.dues.quarterly(memberId),
    queryFn: () => duesApi.quarterly(memberId!),
    enabled: !!memberId,
  });
  const save = useFormMutation({
    mutate: (v: DuesQuarterlyInput) => duesApi.approveQuarterly({ ...v, reason: v.reason.trim() }),
    success: '已同意按季度交纳',
    invalidate: duesWrites,
  });
  return (
    <Card title="同意按季度交纳">
      <InlineError error={save.error} />
      <Form<DuesQuarterlyInput> form={form} name="quarterly" layout="vertical" onFinish={save.submit}>
        <Form.Item label="党员" name="memberId" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberPicker orgId={orgId} />
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
        <Form.Item
          label="原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
        >
          <Input.TextArea rows={2} maxLength={500} placeholder="如：长期在外务工，经支部同意按季度交纳" />
        </Form.Item>
        <Button htmlType="submit" loading={save.busy}>
          同意
        </Button>
      </Form>
      {memberId && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          header="该党员已同意的期间"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '无' }}
          renderItem={(q) => (
            <List.Item>
              {monthLabel(q.fromMonth)}—{monthLabel(q.toMonth)}：{q.reason}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
