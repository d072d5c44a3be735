import { useQuery } from '@tanstack/react-query';
import { Card, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { meetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { LeaveRequest, LeaveRequestStatus } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { LinkButton } from '../../components/LinkButton';
import { ErrorState, InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { formatTime } from '../../lib/format';
import { validated } from '../../lib/forms';
import { leaveReasonLabels, leaveStatusLabels } from '../../lib/meeting-labels';
import { usePageTitle } from '../../lib/title';
import { MeetingTypeTag, meetingWrites } from './shared';

const statusColors: Record<LeaveRequestStatus, string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'default',
};

function DecideModal({
  request,
  approve,
  onClose,
}: {
  request: LeaveRequest;
  approve: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, error, submit } = useFormMutation({
    mutate: (v: { note?: string }) =>
      meetingsApi.decideLeave(request.id, approve, v.note?.trim() || undefined),
    success: approve ? '已批准请假' : '已不批准请假',
    invalidate: meetingWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`${approve ? '批准' : '不批准'}请假 · ${request.name}`}
      okText={approve ? '批准' : '不批准'}
      okButtonProps={{ danger: !approve }}
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <InlineError error={error} />
      <Typography.Paragraph>
        {request.heldOn} {request.meetingTopic}：{leaveReasonLabels[request.reason]}
        {request.note ? `（${request.note}）` : ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          label="意见"
          name="note"
          rules={approve ? [] : [{ required: true, whitespace: true, message: '不批准时请说明理由' }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={approve ? '可不填' : '如：会议重要，请尽量安排参加'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 请假审批: the members' leave requests for the subtree's meetings, pending first. */
export default function LeavePage() {
  usePageTitle('请假审批');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const [status, setStatus] = useState<LeaveRequestStatus | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<{ request: LeaveRequest; approve: boolean } | null>(null);
  const filter = status === 'all' ? undefined : status;
  const q = useQuery({
    queryKey: [...keys.meetings.leave(org?.id, status), page],
    queryFn: () => meetingsApi.leaveRequests({ orgId: org?.id, status: filter, page, pageSize: 20 }),
    placeholderData: (prev) => prev,
  });
  // Only a pending request can be decided: the other views have nothing to act on.
  const mayDecide = can('meeting.approveLeave') && (status === 'pending' || status === 'all');
  return (
    <Card
      title="请假审批"
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as LeaveRequestStatus | 'all');
            setPage(1);
          }}
          options={[
            { value: 'pending', label: '待审批' },
            { value: 'approved', label: '已批准' },
            { value: 'rejected', label: '未批准' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
    >
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<LeaveRequest>
          rowKey="id"
          size="middle"
          data-testid="leave-requests"
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
          locale={{ emptyText: status === 'pending' ? '没有待审批的请假' : '没有请假记录' }}
          columns={[
            {
              title: '党员',
              dataIndex: 'name',
              render: (v: string, r) => <Link to={`/members/${r.memberId}`}>{v}</Link>,
            },
            {
              title: '会议',
              key: 'meeting',
              render: (_: unknown, r) => (
                <Space size={4}>
                  <span>{r.heldOn}</span>
                  <MeetingTypeTag type={r.meetingType} />
                  <Link to={`/meetings/${r.meetingId}`}>{r.meetingTopic}</Link>
                </Space>
              ),
            },
            {
              title: '事由',
              dataIndex: 'reason',
              render: (v: LeaveRequest['reason']) => leaveReasonLabels[v],
            },
            { title: '说明', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
            { title: '申请时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: LeaveRequestStatus) => <Tag color={statusColors[s]}>{leaveStatusLabels[s]}</Tag>,
            },
            ...(mayDecide
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 120,
                    render: (_: unknown, r: LeaveRequest) =>
                      r.status === 'pending' && (
                        <Space>
                          <LinkButton
                            onClick={() => setDeciding({ request: r, approve: true })}
                            data-testid={`approve-${r.id}`}
                          >
                            批准
                          </LinkButton>
                          <LinkButton danger onClick={() => setDeciding({ request: r, approve: false })}>
                            不批准
                          </LinkButton>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}
