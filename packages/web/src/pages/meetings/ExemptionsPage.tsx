import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { meetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { ExemptionReason, LifeExemption } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { LinkButton } from '../../components/LinkButton';
import { MemberPicker } from '../../components/MemberPicker';
import { ErrorState, InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { todayIso } from '../../lib/format';
import { validated } from '../../lib/forms';
import { exemptionReasonLabels, exemptionReasonList } from '../../lib/meeting-labels';
import { usePageTitle } from '../../lib/title';
import { meetingWrites } from './shared';

interface AddValues {
  memberId: string;
  reason: ExemptionReason;
  range: [Dayjs, Dayjs | null];
  note?: string;
}

function AddModal({ orgId, onClose }: { orgId?: string; onClose: () => void }) {
  const [form] = Form.useForm<AddValues>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: AddValues) =>
      meetingsApi.addExemption({
        memberId: v.memberId,
        reason: v.reason,
        from: v.range[0].format('YYYY-MM-DD'),
        until: v.range[1]?.format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
      }),
    success: '已登记免于参加组织生活',
    invalidate: meetingWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title="登记免于参加组织生活"
      okText="保存"
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        因患病、年老体弱等原因不能参加组织生活的党员，经上级党组织同意，可免于参加。须由上级党组织的管理员登记。
      </Typography.Paragraph>
      <InlineError error={error} />
      <Form form={form} layout="vertical" initialValues={{ reason: 'elderly', range: [dayjs(), null] }}>
        <Form.Item label="党员" name="memberId" rules={[{ required: true, message: '请选择党员' }]}>
          <MemberPicker orgId={orgId} />
        </Form.Item>
        <Form.Item label="原因" name="reason" rules={[{ required: true, message: '请选择原因' }]}>
          <Select
            options={exemptionReasonList.map((value) => ({ value, label: exemptionReasonLabels[value] }))}
          />
        </Form.Item>
        <Form.Item
          label="起止日期（截止日期可不填）"
          name="range"
          rules={[{ required: true, message: '请选择开始日期' }]}
        >
          <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：上级党委批复文号" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndModal({ exemption, onClose }: { exemption: LifeExemption; onClose: () => void }) {
  const [form] = Form.useForm<{ on: Dayjs }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { on: Dayjs }) => meetingsApi.endExemption(exemption.id, v.on.format('YYYY-MM-DD')),
    success: '已结束免于参加',
    invalidate: meetingWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`结束免于参加 · ${exemption.name}`}
      okText="结束"
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }}>
        <Form.Item label="结束日期" name="on" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(exemption.from), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 免于参加: members excused from organizational life by the upper organization (RULES.md §4). */
export default function ExemptionsPage() {
  usePageTitle('免于参加组织生活');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<LifeExemption | null>(null);
  const q = useQuery({
    queryKey: keys.meetings.exemptions(org?.id, page),
    queryFn: () => meetingsApi.exemptions({ orgId: org?.id, page, pageSize: 20 }),
    placeholderData: (prev) => prev,
  });
  const today = todayIso();
  const writable = can('meeting.exempt');
  return (
    <Card
      title="免于参加组织生活的党员"
      extra={
        writable && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="add-exemption">
            登记免于参加
          </Button>
        )
      }
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<LifeExemption>
          rowKey="id"
          size="middle"
          data-testid="exemptions"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: '没有免于参加组织生活的党员' }}
          columns={[
            {
              title: '党员',
              dataIndex: 'name',
              render: (v: string, r) => <Link to={`/members/${r.memberId}`}>{v}</Link>,
            },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true },
            { title: '原因', dataIndex: 'reason', render: (v: ExemptionReason) => exemptionReasonLabels[v] },
            { title: '开始', dataIndex: 'from' },
            {
              title: '截止',
              dataIndex: 'until',
              render: (v: string | null) => (v ? v < today ? <Tag>已于 {v} 结束</Tag> : v : '长期'),
            },
            { title: '批准', dataIndex: 'approvedBy' },
            { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
            ...(writable
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 90,
                    render: (_: unknown, r: LifeExemption) =>
                      (!r.until || r.until >= today) && (
                        <LinkButton onClick={() => setEnding(r)}>结束</LinkButton>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {adding && <AddModal orgId={org?.id} onClose={() => setAdding(false)} />}
      {ending && <EndModal exemption={ending} onClose={() => setEnding(null)} />}
    </Card>
  );
}
