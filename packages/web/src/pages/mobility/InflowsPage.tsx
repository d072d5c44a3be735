import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { mobilityApi, publicApi } from '../../api/endpoints';
import type { InflowRow, LetterVerification } from '../../api/types';
import { OrgPicker } from '../../components/OrgPicker';
import { ErrorState, InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { letterKindLabels, letterStatusLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';

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

function RegisterForm() {
  const { org } = useSelectedOrg();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'code' | 'external'>('code');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState<LetterVerification | null>(null);
  const [checking, setChecking] = useState(false);

  const check = async () => {
    const code = String(form.getFieldValue('certificateCode') ?? '').trim();
    if (!code) return;
    setChecking(true);
    setError(null);
    setChecked(null);
    try {
      setChecked(await publicApi.verifyLetter(code));
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const base = { orgId: v.orgId, arrivedOn: v.arrivedOn.format('YYYY-MM-DD') };
      const r = await mobilityApi.registerInflow(
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
      message.success(`已登记 ${r.name} 流入`);
      form.resetFields(['certificateCode', 'name', 'originOrgName', 'certificateNumber', 'contact']);
      setChecked(null);
      void qc.invalidateQueries({ queryKey: ['mobility'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="流入登记" size="small">
      <Segmented
        block
        value={mode}
        onChange={(v) => {
          setMode(v as 'code' | 'external');
          setError(null);
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
        onFinish={submit}
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
              <Button onClick={check} loading={checking}>
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
        <Button type="primary" htmlType="submit" loading={busy} block>
          登记流入
        </Button>
      </Form>
    </Card>
  );
}

/** 流入党员: members of other organizations living and taking part in life here. */
export default function InflowsPage() {
  usePageTitle('流入党员');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['mobility', 'inflows', org?.id],
    queryFn: () => mobilityApi.inflows(org?.id),
  });
  return (
    <Row gutter={[16, 16]}>
      {can('member.write') && (
        <Col xs={24} xl={7}>
          <RegisterForm />
        </Col>
      )}
      <Col xs={24} xl={can('member.write') ? 17 : 24}>
        <Card title={`流入党员${org ? ` · ${org.name}及下级` : ''}`}>
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            持流动党员活动证的党员在流入地参加组织生活、交纳党费，但不具有表决权、选举权和被选举权。
          </Typography.Paragraph>
          {q.error ? (
            <ErrorState error={q.error} onRetry={() => q.refetch()} />
          ) : (
            <Table<InflowRow>
              rowKey="id"
              size="middle"
              data-testid="inflows-table"
              loading={q.isFetching}
              dataSource={q.data?.items ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
              locale={{ emptyText: q.isLoading ? '正在加载…' : '还没有流入党员' }}
              columns={[
                {
                  title: '姓名 / 原所在党组织',
                  dataIndex: 'name',
                  render: (v: string, r) => (
                    <div>
                      {v} {r.internal ? <Tag color="blue">本系统</Tag> : <Tag>系统外</Tag>}
                      <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.originOrgName}</div>
                    </div>
                  ),
                },
                {
                  title: '证件编号/核验码',
                  dataIndex: 'certificateNumber',
                  width: 150,
                  render: (v) => v ?? '—',
                },
                { title: '联系方式', dataIndex: 'contact', width: 120, render: (v) => v ?? '—' },
                {
                  title: '到达日期 / 接收党组织',
                  dataIndex: 'arrivedOn',
                  render: (v: string, r) => (
                    <div>
                      {v}
                      <div style={{ color: '#8c8c8c', fontSize: 12 }}>{r.hostOrgName}</div>
                    </div>
                  ),
                },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 80,
                  render: (s: string) => (s === 'open' ? <Tag color="green">在本地</Tag> : <Tag>已离开</Tag>),
                },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
