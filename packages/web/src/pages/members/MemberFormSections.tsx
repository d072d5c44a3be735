import { AutoComplete, Col, DatePicker, Divider, Form, Input, Radio, Row, Select, Switch } from 'antd';
import type { Education, Member } from '../../api/types';
import { OrgPicker } from '../../components/OrgPicker';
import { RegionCascader } from '../../components/RegionCascader';
import { duesCategoryLabels, educationLabels, occupationOptions } from '../../lib/labels';
import type { Values } from './member-form-values';
import {
  birthDateRules,
  fullOnRules,
  genderRules,
  idNumberRules,
  joinedOnRules,
  lostSinceRules,
  phoneRules,
} from './member-rules';

/**
 * 基本信息. Editing, the personal fields come back masked: they show what is stored and stay empty
 * unless retyped.
 */
export function BasicSection({
  member,
  org,
  onIdChange,
}: {
  member?: Member;
  org: { id: string; name: string } | null;
  onIdChange: (raw: string) => void;
}) {
  const editing = Boolean(member);
  return (
    <>
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
    </>
  );
}

/** 党籍信息: the standing, lost-contact and mobile fields open what each of them needs. */
export function StandingSection() {
  const form = Form.useFormInstance<Values>();
  const kind = Form.useWatch('kind', form);
  const standing = Form.useWatch('standing', form);
  const lostContact = Form.useWatch('lostContact', form);
  const mobile = Form.useWatch('mobile', form);
  return (
    <>
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
    </>
  );
}
