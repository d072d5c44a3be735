import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { meetingsApi, memberApi, orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { MeetingCreated, MeetingDetail, MeetingType, MeetingVote } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { MemberPicker } from '../../components/MemberPicker';
import { InlineError, QueryState } from '../../components/QueryState';
import { validated } from '../../lib/forms';
import { usePageTitle } from '../../lib/title';
import { AttendanceEditor, type AttendanceMarks, type Attendee, marked } from './AttendanceEditor';
import { meetingTypeOptions } from './PlanModal';
import { QuorumText } from './QuorumText';
import { meetingWrites } from './shared';
import { VotesFields } from './VotesFields';

interface RecordValues {
  type: MeetingType;
  heldOn: Dayjs;
  topic: string;
  place?: string;
  recorder?: string;
  minutes?: string;
  lateReason?: string;
  votes?: MeetingVote[];
}

function Saved({ result, onAgain }: { result: MeetingCreated; onAgain: () => void }) {
  return (
    <Result
      status="success"
      title={result.late ? '会议已补记' : '会议已登记'}
      subTitle={
        <Space direction="vertical" data-testid="record-result">
          <QuorumText quorum={result.quorum} />
          {result.escalations > 0 ? (
            <Typography.Text type="warning" data-testid="record-escalations">
              本次出勤登记产生 {result.escalations} 条预警或警戒，
              <Link to="/meetings/escalations">查看预警与警戒</Link>
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">本次出勤登记未产生预警或警戒</Typography.Text>
          )}
        </Space>
      }
      extra={[
        <Link key="open" to={`/meetings/${result.id}`}>
          <Button type="primary">查看会议</Button>
        </Link>,
        <Button key="again" onClick={onAgain}>
          继续登记
        </Button>,
      ]}
    />
  );
}

/** 登记会议: the record of a held meeting — from a plan or afresh — with the attendance of the organization's members. */
function RecordForm({
  orgId,
  orgName,
  plan,
}: {
  orgId: string;
  orgName: string;
  plan: MeetingDetail | null;
}) {
  const navigate = useNavigate();
  const [form] = Form.useForm<RecordValues>();
  const [marks, setMarks] = useState<AttendanceMarks>({});
  const [needsReason, setNeedsReason] = useState(false);
  const [saved, setSaved] = useState<MeetingCreated | null>(null);
  const members = useQuery({
    queryKey: [...keys.members.all, 'of-org', orgId],
    queryFn: () => memberApi.list({ orgId, pageSize: 200 }),
  });
  // Members of other organizations (a mobile member staying here) join the record as guests (API.md).
  const [guests, setGuests] = useState<Attendee[]>([]);
  const attendees = useMemo<Attendee[]>(() => {
    const planned = new Map((plan?.attendance ?? []).map((r) => [r.memberId, r]));
    const own = (members.data?.items ?? [])
      .filter((m) => m.orgId === orgId && m.standing === 'normal')
      .map((m) => ({ memberId: m.id, name: m.name, signedIn: Boolean(planned.get(m.id)?.signedInAt) }));
    const seen = new Set(own.map((a) => a.memberId));
    const fromPlan = [...planned.values()]
      .filter((r) => !seen.has(r.memberId))
      .map((r) => ({ memberId: r.memberId, name: r.name, guest: r.guest, signedIn: Boolean(r.signedInAt) }));
    for (const r of fromPlan) seen.add(r.memberId);
    return [...own, ...fromPlan, ...guests.filter((g) => !seen.has(g.memberId))];
  }, [members.data, plan, orgId, guests]);
  const addGuest = useFormMutation({
    mutate: (memberId: string) => memberApi.get(memberId),
    onDone: (m) => {
      setGuests((g) => [...g, { memberId: m.id, name: m.name, guest: m.orgId !== orgId }]);
      setMarks((old) => ({ ...old, [m.id]: old[m.id] ?? { status: 'present' } }));
    },
    errorToast: true,
  });

  // A plan's attendance already holds what the phones and the approved leaves said.
  useEffect(() => {
    if (!plan) return;
    setMarks(
      Object.fromEntries(
        plan.attendance
          .filter((r) => r.status)
          .map((r) => [
            r.memberId,
            { status: r.status ?? undefined, leaveReason: r.leaveReason ?? undefined },
          ]),
      ),
    );
  }, [plan]);

  const m = useFormMutation({
    mutate: (v: RecordValues) =>
      meetingsApi.record({
        orgId,
        type: v.type,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        topic: v.topic.trim(),
        place: v.place?.trim() || undefined,
        recorder: v.recorder?.trim() || undefined,
        minutes: v.minutes?.trim() || undefined,
        lateReason: v.lateReason?.trim() || undefined,
        votes: v.votes?.length ? v.votes : undefined,
        planId: plan?.id,
        attendance: marked(marks),
      }),
    invalidate: meetingWrites,
    onDone: (r) => setSaved(r),
  });
  // RULES.md §4 via the server: a record too long after the meeting needs a reason; the page learns it from the 422.
  const lateError = m.error instanceof ApiError && m.error.code === 'LATE_RECORD_NEEDS_REASON';
  useEffect(() => {
    if (lateError) setNeedsReason(true);
  }, [lateError]);

  if (saved) {
    return (
      <Saved
        result={saved}
        onAgain={() => {
          setSaved(null);
          setMarks({});
          form.resetFields();
          m.reset();
          navigate(`/meetings/new?orgId=${orgId}`, { replace: true });
        }}
      />
    );
  }
  return (
    <Card
      title={`登记会议 · ${orgName}`}
      extra={<Button onClick={() => navigate('/meetings')}>返回日历</Button>}
    >
      <InlineError error={lateError ? null : m.error} />
      <Form
        form={form}
        layout="vertical"
        data-testid="record-form"
        initialValues={{
          type: plan?.type ?? 'theme_day',
          heldOn: plan ? dayjs(plan.heldOn) : dayjs(),
          topic: plan?.topic,
          place: plan?.place ?? undefined,
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="会议类型" name="type" rules={[{ required: true, message: '请选择会议类型' }]}>
              <Select options={meetingTypeOptions} disabled={Boolean(plan)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="召开日期" name="heldOn" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="记录人" name="recorder">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              label="主题"
              name="topic"
              rules={[{ required: true, whitespace: true, message: '请填写会议主题' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="地点" name="place">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="会议记录" name="minutes">
          <Input.TextArea rows={5} maxLength={20_000} placeholder="议程、发言要点、形成的决议" />
        </Form.Item>
        <VotesFields />
        {needsReason && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${lateError ? m.error?.message.replace(/。$/, '') : '会议召开已超过规定的登记期限'}。保存后本记录标注为补记。`}
            />
            <Form.Item
              label="补记原因"
              name="lateReason"
              rules={[{ required: true, whitespace: true, message: '请填写补记原因' }]}
            >
              <Input.TextArea rows={2} maxLength={500} data-testid="late-reason" />
            </Form.Item>
          </>
        )}
        <Typography.Title level={5}>出勤登记</Typography.Title>
        <QueryState query={members}>
          {() => <AttendanceEditor attendees={attendees} marks={marks} onChange={setMarks} />}
        </QueryState>
        <Space style={{ marginTop: 8 }} wrap>
          <label htmlFor="guest-picker">
            <Typography.Text type="secondary">外单位党员参加（如在本地的流动党员）：</Typography.Text>
          </label>
          <div style={{ width: 280 }}>
            <MemberPicker id="guest-picker" value={undefined} onChange={(id) => addGuest.submit(id)} />
          </div>
        </Space>
        <div style={{ marginTop: 16 }}>
          <Button
            type="primary"
            loading={m.busy}
            onClick={async () => m.submit(await validated(form))}
            data-testid="record-submit"
          >
            保存会议记录
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function RecordMeetingPage() {
  usePageTitle('登记会议');
  const [params] = useSearchParams();
  const planId = params.get('plan');
  const plan = useQuery({
    queryKey: keys.meetings.detail(planId),
    queryFn: () => meetingsApi.get(planId!),
    enabled: Boolean(planId),
  });
  const orgId = planId ? plan.data?.orgId : (params.get('orgId') ?? undefined);
  const org = useQuery({
    queryKey: keys.orgs.detail(orgId),
    queryFn: () => orgApi.get(orgId!),
    enabled: Boolean(orgId) && !planId,
  });
  if (planId) {
    return (
      <QueryState query={plan}>
        {(p) => <RecordForm key={p.id} orgId={p.orgId} orgName={p.orgName} plan={p} />}
      </QueryState>
    );
  }
  if (!orgId) return <Result status="info" title="请先在左侧选择要登记会议的党支部" />;
  return (
    <QueryState query={org}>
      {(o) => <RecordForm key={o.id} orgId={o.id} orgName={o.name} plan={null} />}
    </QueryState>
  );
}
