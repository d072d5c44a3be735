import { checkIdNumber } from '@dangjian/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { memberApi } from '../../api/endpoints';
import type { Education, Member, MemberInput } from '../../api/types';
import { OrgPicker } from '../../components/OrgPicker';
import { QueryState } from '../../components/QueryState';
import { RegionCascader } from '../../components/RegionCascader';
import { useSelectedOrg } from '../../console/selected-org';
import { duesCategoryLabels, educationLabels, occupationOptions } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import {
  birthDateRules,
  fullOnRules,
  genderRules,
  idNumberRules,
  joinedOnRules,
  lostSinceRules,
  phoneRules,
} from './member-rules';

interface Values {
  orgId: string;
  name: string;
  idNumber?: string;
  gender?: 'male' | 'female';
  birthDate?: Dayjs;
  ethnicity?: string;
  education?: Education | null;
  occupation?: string;
  duesCategory?: string | null;
  jobPost?: string;
  phone?: string;
  address?: string;
  kind: 'full' | 'probationary';
  joinedOn?: Dayjs;
  fullOn?: Dayjs | null;
  standing: 'normal' | 'stopped';
  stopReason?: string | null;
  lostContact: boolean;
  lostContactSince?: Dayjs | null;
  mobile: boolean;
  destinationRegion?: string | null;
}

const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function toValues(m: Member): Values {
  return {
    orgId: m.orgId,
    name: m.name,
    gender: m.gender,
    birthDate: dayjs(m.birthDate),
    ethnicity: m.ethnicity ?? undefined,
    education: m.education,
    occupation: m.occupation ?? undefined,
    duesCategory: m.duesCategory,
    jobPost: m.jobPost ?? undefined,
    kind: m.kind,
    joinedOn: dayjs(m.joinedOn),
    fullOn: m.fullOn ? dayjs(m.fullOn) : null,
    standing: m.standing,
    stopReason: m.stopReason,
    lostContact: m.lostContact,
    lostContactSince: m.lostContactSince ? dayjs(`${m.lostContactSince.slice(0, 7)}-01`) : null,
    mobile: m.mobile,
    destinationRegion: m.destinationRegion,
  };
}

function toInput(v: Values, editing: boolean): MemberInput {
  const input: MemberInput = {
    orgId: v.orgId,
    name: v.name.trim(),
    gender: v.gender,
    birthDate: date(v.birthDate) ?? undefined,
    ethnicity: text(v.ethnicity),
    education: v.education ?? null,
    occupation: text(v.occupation),
    duesCategory: v.duesCategory ?? null,
    jobPost: text(v.jobPost),
    kind: v.kind,
    joinedOn: date(v.joinedOn) ?? undefined,
    fullOn: date(v.fullOn),
    standing: v.standing,
    stopReason: v.standing === 'stopped' ? (v.stopReason ?? null) : null,
    lostContact: v.lostContact,
    lostContactSince: v.lostContact && v.lostContactSince ? v.lostContactSince.format('YYYY-MM') : null,
    mobile: v.mobile,
    destinationRegion: v.mobile ? (v.destinationRegion ?? null) : null,
  };
  // Personal fields come back masked: send them only when typed in, so an edit never overwrites them with stars.
  if (v.idNumber?.trim()) input.idNumber = v.idNumber.trim().toUpperCase();
  if (v.phone?.trim() || !editing) input.phone = text(v.phone);
  if (v.address?.trim() || !editing) input.address = text(v.address);
  return input;
}

function MemberForm({ member }: { member?: Member }) {
  const editing = Boolean(member);
  const [form] = Form.useForm<Values>();
  const { org } = useSelectedOrg();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const standing = Form.useWatch('standing', form);
  const lostContact = Form.useWatch('lostContact', form);
  const mobile = Form.useWatch('mobile', form);

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

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const input = toInput(v, editing);
      const saved = member
        ? await memberApi.update(member.id, { ...input, version: member.version })
        : await memberApi.create({ ...input, orgId: v.orgId });
      message.success(editing ? '党员信息已保存' : `已登记党员“${saved.name}”`);
      void qc.invalidateQueries({ queryKey: ['members'] });
      void qc.invalidateQueries({ queryKey: ['member', saved.id] });
      navigate(`/members/${saved.id}`);
    } catch (err) {
      setError(err);
      const issues = (
        err instanceof ApiError ? (err.details as { issues?: { field: string; message: string }[] }) : null
      )?.issues;
      if (issues?.length) {
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
      }
    } finally {
      setBusy(false);
    }
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
        onFinish={submit}
        onFinishFailed={() => message.error('请按提示修改标红的项目')}
        scrollToFirstError
      >
        <Divider titlePlacement="start">基本信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label="所在党组织"
              name="orgId"
              rules={[{ required: true, message: '请选择所在党组织' }]}
            >
              <OrgPicker current={member ? { id: member.orgId, name: member.orgName ?? '' } : org} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="姓名"
              name="name"
              rules={[
                { required: true, whitespace: true, message: '请输入姓名' },
                { max: 50, message: '姓名不超过 50 字' },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="公民身份号码"
              name="idNumber"
              rules={idNumberRules(!editing)}
              extra={editing ? `当前：${member?.idNumber}（不修改请留空）` : '填写后自动带出出生日期和性别'}
              validateFirst
            >
              <Input maxLength={18} onChange={(e) => onIdChange(e.target.value)} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="性别" name="gender" rules={genderRules} dependencies={['idNumber']}>
              <Radio.Group
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="出生日期" name="birthDate" rules={birthDateRules} dependencies={['idNumber']}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="民族" name="ethnicity">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="学历" name="education">
              <Select
                allowClear
                options={(Object.keys(educationLabels) as Education[]).map((k) => ({
                  value: k,
                  label: educationLabels[k],
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="人员类别" name="occupation">
              <AutoComplete options={occupationOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="党费类别" name="duesCategory">
              <Select
                allowClear
                placeholder="按人员类别默认"
                options={Object.entries(duesCategoryLabels).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="工作岗位" name="jobPost">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="联系电话"
              name="phone"
              rules={phoneRules}
              extra={editing && member?.phone ? `当前：${member.phone}（不修改请留空）` : undefined}
            >
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label="家庭住址"
              name="address"
              extra={editing && member?.address ? `当前：${member.address}（不修改请留空）` : undefined}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">党籍信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="党员类型" name="kind" rules={[{ required: true, message: '请选择党员类型' }]}>
              <Radio.Group
                options={[
                  { value: 'full', label: '正式党员' },
                  { value: 'probationary', label: '预备党员' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              label="加入党组织日期"
              name="joinedOn"
              rules={joinedOnRules}
              dependencies={['birthDate']}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              label="转为正式党员日期"
              name="fullOn"
              rules={fullOnRules}
              dependencies={['joinedOn', 'kind']}
            >
              <DatePicker style={{ width: '100%' }} disabled={kind === 'probationary'} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="党籍状态" name="standing">
              <Radio.Group
                options={[
                  { value: 'normal', label: '正常' },
                  { value: 'stopped', label: '停止党籍' },
                ]}
              />
            </Form.Item>
          </Col>
          {standing === 'stopped' && (
            <Col xs={12} md={8}>
              <Form.Item label="停止党籍原因" name="stopReason">
                <Select
                  options={[
                    { value: 'lost_contact', label: '失去联系' },
                    { value: 'abroad', label: '出国（境）' },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Form.Item label="失联党员" name="lostContact" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label="失去联系日期"
              name="lostContactSince"
              rules={lostSinceRules}
              dependencies={['lostContact']}
              hidden={!lostContact}
            >
              <DatePicker picker="month" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="流动党员" name="mobile" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label="外出流向" name="destinationRegion" hidden={!mobile}>
              <RegionCascader />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
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
  const q = useQuery({ queryKey: ['member', id], queryFn: () => memberApi.get(id!), enabled: Boolean(id) });
  if (!id) return <MemberForm />;
  return <QueryState query={q}>{(m) => <MemberForm member={m} />}</QueryState>;
}
