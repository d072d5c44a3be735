import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { MemberPicker } from '../../../components/MemberPicker';
import { OrgPicker } from '../../../components/OrgPicker';
import { RegionCascader } from '../../../components/RegionCascader';
import { optionsOf, outflowReasonLabels } from '../../../lib/labels';
import type { Values } from './values';

/** The fields of the 外出登记 form; which of them show follows what is typed so far. */
export function OutflowFields({ values, orgId }: { values: Partial<Values> | undefined; orgId?: string }) {
  return (
    <>
      <Form.Item label="外出党员" name="memberId" rules={[{ required: true, message: '请选择外出的党员' }]}>
        <MemberPicker orgId={orgId} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="外出日期" name="leftOn" rules={[{ required: true, message: '请选择外出日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="预计外出时间"
            name="expectedMonths"
            rules={[{ required: true, message: '请填写预计外出几个月' }]}
          >
            <InputNumber min={0} max={600} precision={0} suffix="个月" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="外出原因" name="reason" rules={[{ required: true, message: '请选择外出原因' }]}>
        <Radio.Group optionType="button" options={optionsOf(outflowReasonLabels)} />
      </Form.Item>
      <Form.Item
        label="出国（境）"
        name="abroad"
        valuePropName="checked"
        extra="前往国（境）外的请打开：组织关系不转往境外，外出流向记为境外"
      >
        <Switch checkedChildren="境外" unCheckedChildren="国内" />
      </Form.Item>
      {!values?.abroad && (
        // preserve={false}: switching to abroad drops a region already picked.
        <Form.Item
          label="外出流向"
          name="destinationRegion"
          preserve={false}
          rules={[{ required: true, message: '请选择外出去往的省、市、县' }]}
        >
          <RegionCascader placeholder="请选择外出去往的省/市/县" />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label="有固定的工作或居住地点"
            name="fixedPlace"
            valuePropName="checked"
            extra={
              values?.abroad ? '在境外定居或有固定工作、居住地点的请打开' : '流动频繁、地点不固定的请关闭'
            }
          >
            <Switch checkedChildren="固定" unCheckedChildren="不固定" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="所去单位建有党组织"
            name="hostHasPartyOrg"
            valuePropName="checked"
            extra="决定组织关系转往何处"
          >
            <Switch
              checkedChildren="有"
              unCheckedChildren="没有"
              disabled={values?.fixedPlace === false || values?.abroad === true}
            />
          </Form.Item>
        </Col>
      </Row>
      {values?.fixedPlace !== false && !values?.abroad && (values?.expectedMonths ?? 0) > 6 && (
        <Form.Item
          label="组织关系可以转移"
          name="relationshipCanMove"
          valuePropName="checked"
          extra="外出 6 个月以上且地点固定，但组织关系暂无法转移的请关闭：使用流动党员活动证，待可以转移时再转（篇三 县制度 二）"
        >
          <Switch checkedChildren="可以" unCheckedChildren="暂不能" />
        </Form.Item>
      )}
      <Form.Item
        label="流入党组织"
        extra="已知时填写：接收其参加组织生活的党组织，可填写名称或选择本系统中的组织"
      >
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="inflowKind" noStyle>
            <Select
              style={{ width: 130 }}
              options={[
                { value: 'name', label: '填写名称' },
                { value: 'system', label: '本系统组织' },
              ]}
            />
          </Form.Item>
          {values?.inflowKind === 'system' ? (
            <Form.Item name="inflowOrgId" noStyle>
              <OrgPicker placeholder="输入名称搜索本系统的党组织" />
            </Form.Item>
          ) : (
            <Form.Item name="inflowOrgName" noStyle>
              <Input
                maxLength={100}
                placeholder="如 深圳市南山区某科技公司党支部"
                data-testid="inflow-org-name"
              />
            </Form.Item>
          )}
        </Space.Compact>
      </Form.Item>
      <Form.Item
        label="预计返回日期"
        name="expectedReturnOn"
        dependencies={['leftOn']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v: Dayjs | null | undefined) =>
              v && getFieldValue('leftOn') && v.isBefore(getFieldValue('leftOn'), 'day')
                ? Promise.reject(new Error('预计返回日期不能早于外出日期'))
                : Promise.resolve(),
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} data-testid="expected-return" />
      </Form.Item>
      <Form.Item label="外出期间联系方式" name="contact" extra="手机号码或微信号；列表中只显示部分号码">
        <Input maxLength={100} placeholder="如 13912345678" />
      </Form.Item>
    </>
  );
}
