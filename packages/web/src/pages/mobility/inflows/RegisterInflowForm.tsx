import { Alert, Button, Card, DatePicker, Form, Input, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { mobilityApi, publicApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { LetterVerification } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { OrgPicker } from '../../../components/OrgPicker';
import { InlineError } from '../../../components/QueryState';
import { useSelectedOrg } from '../../../console/selected-org';
import { letterKindLabels, letterStatusLabels } from '../../../lib/labels';

interface Values {
  orgId: string;
  arrivedOn: Dayjs;
  certificateCode?: string;
  name?: string;
  originOrgName?: string;
  certificateNumber?: string;
  contact?: string;
}

function Verification({ v }: { v: LetterVerification }) {
  return (
    <Alert
      type={v.valid ? 'success' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      title={`${letterKindLabels[v.kind] ?? v.kind}：${v.valid ? '有效' : (letterStatusLabels[v.status] ?? '无效')}`}
      description={`持证人 ${v.memberName}，${v.issuedBy} ${v.issuedOn} 开具，有效期至 ${v.validUntil}`}
    />
  );
}

/** 流入登记: by the code of a 活动证 of this system, or from the paper of a member from elsewhere. */
export function RegisterInflowForm() {
  const { org } = useSelectedOrg();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'code' | 'external'>('code');
  const [checked, setChecked] = useState<LetterVerification | null>(null);
  const check = useFormMutation({
    mutate: (code: string) => {
      setChecked(null);
      return publicApi.verifyLetter(code);
    },
    onDone: setChecked,
  });
  const register = useFormMutation({
    mutate: (v: Values) => {
      const base = { orgId: v.orgId, arrivedOn: v.arrivedOn.format('YYYY-MM-DD') };
      return mobilityApi.registerInflow(
        mode === 'code'
          ? { ...base, certificateCode: v.certificateCode!.trim().toUpperCase() }
          : {
              ...base,
              name: v.name!.trim(),
              originOrgName: v.originOrgName!.trim(),
              certificateNumber: v.certificateNumber?.trim() || undefined,
              contact: v.contact?.trim() || undefined,
            },
      );
    },
    success: (r) => `已登记 ${r.name} 流入`,
    invalidate: [keys.mobility.all],
    onDone: () => {
      form.resetFields(['certificateCode', 'name', 'originOrgName', 'certificateNumber', 'contact']);
      setChecked(null);
    },
  });
  // One error line for both: the one of the last thing tried.
  const error = register.error ?? check.error;
  const clearErrors = () => {
    register.reset();
    check.reset();
  };

  return (
    <Card title="流入登记" size="small">
      <Segmented
        block
        value={mode}
        onChange={(v) => {
          setMode(v as 'code' | 'external');
          clearErrors();
        }}
        options={[
          { value: 'code', label: '凭活动证核验码' },
          { value: 'external', label: '系统外党员' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <InlineError error={error} />
      {mode === 'code' && checked && <Verification v={checked} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          check.reset();
          register.submit(v);
        }}
        onValuesChange={(changed) => {
          if ('certificateCode' in changed) setChecked(null);
        }}
        initialValues={{ orgId: org?.id, arrivedOn: dayjs() }}
      >
        <Form.Item
          label="接收党组织"
          name="orgId"
          rules={[{ required: true, message: '请选择接收的党组织' }]}
        >
          <OrgPicker current={org} />
        </Form.Item>
        <Form.Item label="到达日期" name="arrivedOn" rules={[{ required: true, message: '请选择到达日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {mode === 'code' ? (
          <Form.Item label="活动证核验码" required extra="印在流动党员活动证二维码下方的 12 位编码">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="certificateCode"
                noStyle
                rules={[{ required: true, whitespace: true, message: '请输入核验码' }]}
              >
                <Input
                  placeholder="如 M6RYYNFEYGJJ"
                  aria-label="活动证核验码"
                  style={{ textTransform: 'uppercase' }}
                />
              </Form.Item>
              <Button
                onClick={() => {
                  const code = String(form.getFieldValue('certificateCode') ?? '').trim();
                  if (!code) return;
                  register.reset();
                  check.submit(code);
                }}
                loading={check.busy}
              >
                核验
              </Button>
            </Space.Compact>
          </Form.Item>
        ) : (
          <>
            <Form.Item
              label="姓名"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              label="原所在党组织"
              name="originOrgName"
              rules={[{ required: true, whitespace: true, message: '请输入原所在党组织名称' }]}
            >
              <Input maxLength={100} placeholder="如 中共某县某镇某村党支部" />
            </Form.Item>
            <Form.Item label="活动证/证明信编号" name="certificateNumber">
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item label="联系方式" name="contact">
              <Input maxLength={100} placeholder="手机号码或微信号" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={register.busy} block>
          登记流入
        </Button>
      </Form>
    </Card>
  );
}
