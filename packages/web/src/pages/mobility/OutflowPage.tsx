import { classifyOutflow, type MobilityPolicy } from '@dangjian/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { memberApi, mobilityApi, orgApi } from '../../api/endpoints';
import type { Certificate, Episode, OutflowReason } from '../../api/types';
import { MemberPicker } from '../../components/MemberPicker';
import { OrgPicker } from '../../components/OrgPicker';
import { InlineError } from '../../components/QueryState';
import { RegionCascader } from '../../components/RegionCascader';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import {
  letterKindLabels,
  monthsLabel,
  optionsOf,
  outflowReasonLabels,
  reasonLabel,
  requiredDocumentLabels,
} from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { ConfirmIssueButton } from './ConfirmIssue';
import { issuable, issueText, openCertificatePdf, RequiredDocumentPanel } from './shared';

interface Values {
  memberId: string;
  leftOn: Dayjs;
  expectedMonths: number;
  reason: OutflowReason;
  abroad: boolean;
  destinationRegion?: string;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  relationshipCanMove: boolean;
  contact?: string;
  /** 流入党组织: typed from paper, or one of this system. */
  inflowKind: 'name' | 'system';
  inflowOrgName?: string;
  inflowOrgId?: string;
  expectedReturnOn?: Dayjs | null;
}

/** What the rules will ask for, worked out in the browser from the member's policy while typing. */
function usePreview(memberId: string | undefined, v: Partial<Values>) {
  const member = useQuery({
    queryKey: ['member', memberId],
    queryFn: () => memberApi.get(memberId!),
    enabled: Boolean(memberId),
  });
  const orgId = member.data?.orgId;
  const policies = useQuery({
    queryKey: ['org', orgId, 'policies'],
    queryFn: () => orgApi.policies(orgId!),
    enabled: Boolean(orgId),
    retry: false,
  });
  const policy = policies.data?.items.find((p) => p.kind === 'mobility')?.document as
    | MobilityPolicy
    | undefined;
  if (!policy || v.expectedMonths == null || !v.reason) return { member: member.data, doc: null };
  try {
    const c = classifyOutflow(policy, {
      expectedMonths: v.expectedMonths,
      reason: v.reason,
      fixedPlace: Boolean(v.fixedPlace),
      hostHasPartyOrg: Boolean(v.fixedPlace && !v.abroad && v.hostHasPartyOrg),
      abroad: Boolean(v.abroad),
      relationshipCanMove: v.relationshipCanMove !== false,
    });
    return { member: member.data, doc: c };
  } catch {
    return { member: member.data, doc: null };
  }
}

function Registered({ episode, onAgain }: { episode: Episode; onAgain: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [cert, setCert] = useState<Certificate | null>(episode.certificate);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await mobilityApi.issueCertificate(episode.id);
      setCert(c);
      message.success(`已开具${letterKindLabels[c.kind] ?? '证明'}：${c.number}`);
      void qc.invalidateQueries({ queryKey: ['mobility'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Result
        status="success"
        title={`${episode.memberName} 的外出登记已保存`}
        subTitle={`${episode.leftOn} 起外出 ${monthsLabel(episode.expectedMonths)}，前往${episode.destinationName ?? '—'}（${reasonLabel(episode.reason)}）${episode.inflowOrgName ? `，流入${episode.inflowOrgName}` : ''}${episode.expectedReturnOn ? `，预计 ${episode.expectedReturnOn} 返回` : ''}，已记入外出党员登记簿。`}
        style={{ padding: '16px 0 0' }}
      />
      <RequiredDocumentPanel episode={episode} />
      <InlineError error={error} />
      {issuable(episode.requiredDocument) && (
        <Card size="small" title={requiredDocumentLabels[episode.requiredDocument]}>
          {cert ? (
            <Descriptions
              column={{ xs: 1, md: 2 }}
              data-testid="certificate-info"
              items={[
                {
                  key: 'n',
                  label: '编号',
                  children: <span data-testid="certificate-number">{cert.number}</span>,
                },
                {
                  key: 'c',
                  label: '核验码',
                  children: (
                    <Typography.Text copyable={{ text: cert.code }} strong>
                      <span data-testid="certificate-code">{cert.code}</span>
                    </Typography.Text>
                  ),
                },
                { key: 'i', label: '开具日期', children: cert.issuedOn },
                { key: 'v', label: '有效期至', children: cert.validUntil },
              ]}
            />
          ) : (
            <Typography.Paragraph>
              尚未开具。开具后可打印，证上印有二维码和核验码，任何人可核验真伪。
            </Typography.Paragraph>
          )}
          <Space wrap style={{ marginTop: 8 }}>
            {!cert && (
              <ConfirmIssueButton
                name={requiredDocumentLabels[episode.requiredDocument]}
                size="large"
                busy={busy}
                onConfirm={issue}
              >
                {issueText(episode.requiredDocument)}
              </ConfirmIssueButton>
            )}
            {cert && (
              <Button type="primary" size="large" onClick={() => openCertificatePdf(episode.id)}>
                打印
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Space wrap>
        <Button onClick={() => navigate(`/mobility/members/${episode.memberId}`)}>查看一人一台账</Button>
        <Button onClick={onAgain}>继续登记其他党员</Button>
        <Button type="link" onClick={() => navigate('/mobility')}>
          返回台账
        </Button>
      </Space>
    </Space>
  );
}

export default function OutflowPage() {
  usePageTitle('外出登记');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [episode, setEpisode] = useState<Episode | null>(null);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const preview = usePreview(values?.memberId, values ?? {});

  if (!can('member.write')) {
    return <Result status="403" title="没有权限" subTitle="您的账号不能登记外出。" />;
  }

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const e = await mobilityApi.createOutflow({
        memberId: v.memberId,
        leftOn: v.leftOn.format('YYYY-MM-DD'),
        expectedMonths: v.expectedMonths,
        reason: v.reason,
        abroad: v.abroad,
        destinationRegion: v.abroad ? null : v.destinationRegion,
        fixedPlace: v.fixedPlace,
        hostHasPartyOrg: v.fixedPlace && !v.abroad && v.hostHasPartyOrg,
        relationshipCanMove: v.relationshipCanMove,
        contact: v.contact?.trim() || null,
        ...(v.inflowKind === 'system'
          ? { inflowOrgId: v.inflowOrgId ?? null }
          : { inflowOrgName: v.inflowOrgName?.trim() || null }),
        expectedReturnOn: v.expectedReturnOn ? v.expectedReturnOn.format('YYYY-MM-DD') : null,
      });
      setEpisode(e);
      void qc.invalidateQueries({ queryKey: ['mobility'] });
      void qc.invalidateQueries({ queryKey: ['member', v.memberId] });
      void qc.invalidateQueries({ queryKey: ['members'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const openEpisode =
    error instanceof ApiError && error.code === 'EPISODE_OPEN' && values?.memberId ? values.memberId : null;

  return (
    <Card title="外出登记" extra={<Button onClick={() => navigate('/mobility')}>返回台账</Button>}>
      {episode ? (
        <Registered
          episode={episode}
          onAgain={() => {
            setEpisode(null);
            form.resetFields();
          }}
        />
      ) : (
        <Row gutter={32}>
          <Col xs={24} lg={14}>
            {openEpisode ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={errorMessage(error)}
                description={
                  <span>
                    请先在其<Link to={`/mobility/members/${openEpisode}`}>一人一台账</Link>
                    中登记返回，再重新登记外出。
                  </span>
                }
              />
            ) : (
              <InlineError error={error} />
            )}
            <Form<Values>
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{
                memberId: params.get('memberId') ?? undefined,
                leftOn: dayjs(),
                reason: 'work',
                abroad: false,
                fixedPlace: true,
                hostHasPartyOrg: false,
                relationshipCanMove: true,
                inflowKind: 'name',
              }}
            >
              <Form.Item
                label="外出党员"
                name="memberId"
                rules={[{ required: true, message: '请选择外出的党员' }]}
              >
                <MemberPicker orgId={org?.id} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    label="外出日期"
                    name="leftOn"
                    rules={[{ required: true, message: '请选择外出日期' }]}
                  >
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
              <Form.Item
                label="外出原因"
                name="reason"
                rules={[{ required: true, message: '请选择外出原因' }]}
              >
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
                      values?.abroad
                        ? '在境外定居或有固定工作、居住地点的请打开'
                        : '流动频繁、地点不固定的请关闭'
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
              <Form.Item
                label="外出期间联系方式"
                name="contact"
                extra="手机号码或微信号；列表中只显示部分号码"
              >
                <Input maxLength={100} placeholder="如 13912345678" />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" loading={busy}>
                登记外出
              </Button>
            </Form>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title="按规定须开具" style={{ background: '#fffbf0' }}>
              {preview.doc ? (
                <>
                  <Typography.Title
                    level={4}
                    style={{ marginTop: 0, color: '#c8161d' }}
                    data-testid="preview-document"
                  >
                    {requiredDocumentLabels[preview.doc.requiredDocument]}
                  </Typography.Title>
                  <Typography.Paragraph type="secondary">{preview.doc.rule}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    按{preview.member?.orgName ?? '该党员所在组织'}
                    执行的流动党员管理政策预判，以保存后的结果为准。
                  </Typography.Text>
                </>
              ) : (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  选择党员并填写预计外出时间、原因后，这里显示须开具的证明：
                  <br />· 3 个月以内：无需开具
                  <br />· 3—6 个月：流动党员活动证（学习、借调、公务、探亲开具党员证明信；随迁为活动证）
                  <br />· 6 个月以上、地点固定：转移组织关系（暂无法转移的使用流动党员活动证）
                  <br />· 6 个月以上、地点不固定：流动党员活动证
                  <br />· 出国（境）6 个月以上：组织关系不转往境外，使用流动党员活动证
                </Typography.Paragraph>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </Card>
  );
}
