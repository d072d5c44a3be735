import { checkIdNumber } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { memberApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { Member } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { usePageTitle } from '../../lib/title';
import { BasicSection, StandingSection } from './MemberFormSections';
import { toInput, toValues, type Values } from './member-form-values';

function MemberForm({ member }: { member?: Member }) {
  const editing = Boolean(member);
  const [form] = Form.useForm<Values>();
  const { org } = useSelectedOrg();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const initial: Partial<Values> = member
    ? toValues(member)
    : {
        orgId: org?.id,
        ethnicity: '汉族',
        kind: 'full',
        standing: 'normal',
        lostContact: false,
        mobile: false,
      };

  const onIdChange = (raw: string) => {
    const r = checkIdNumber(raw);
    if (r.ok) {
      form.setFieldsValue({ birthDate: dayjs(r.birthDate), gender: r.gender });
      void form.validateFields(['birthDate', 'gender']);
    }
  };

  const save = useFormMutation({
    mutate: (v: Values) => {
      const input = toInput(v, editing);
      return member
        ? memberApi.update(member.id, { ...input, version: member.version })
        : memberApi.create({ ...input, orgId: v.orgId });
    },
    success: (saved) => (editing ? '党员信息已保存' : `已登记党员“${saved.name}”`),
    invalidate: [keys.members.all, ...(member ? [keys.members.detail(member.id)] : [])],
    onDone: (saved) => navigate(`/members/${saved.id}`),
  });
  const error = save.error;

  // The server's field-by-field objections go on the fields they concern.
  const markFields = (err: unknown) => {
    const issues = (
      err instanceof ApiError ? (err.details as { issues?: { field: string; message: string }[] }) : null
    )?.issues;
    if (!issues?.length) return;
    form.setFields(
      issues
        .filter(
          (i) =>
            i.field in initial ||
            ['idNumber', 'phone', 'address', 'fullOn', 'destinationRegion', 'lostContactSince'].includes(
              i.field,
            ),
        )
        .map((i) => ({ name: i.field as keyof Values, errors: [i.message] })),
    );
  };

  const conflict = error instanceof ApiError && error.status === 409 && error.code === 'CONFLICT';

  return (
    <Card title={editing ? `编辑党员：${member?.name}` : '登记党员'}>
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorMessage(error)}
          data-testid="form-error"
          action={
            conflict ? (
              <Button size="small" onClick={() => window.location.reload()}>
                重新加载
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.submitAsync(v).catch(markFields)}
        onFinishFailed={() => message.error('请按提示修改标红的项目')}
        scrollToFirstError
      >
        <BasicSection member={member} org={org} onIdChange={onIdChange} />
        <StandingSection />
        <Space>
          <Button type="primary" htmlType="submit" loading={save.busy}>
            保存
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

export default function MemberFormPage() {
  const { id } = useParams();
  usePageTitle(id ? '编辑党员' : '登记党员');
  const q = useQuery({
    queryKey: keys.members.detail(id),
    queryFn: () => memberApi.get(id!),
    enabled: Boolean(id),
  });
  if (!id) return <MemberForm />;
  return <QueryState query={q}>{(m) => <MemberForm member={m} />}</QueryState>;
}
