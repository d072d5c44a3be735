import { Alert, Button, Card, Col, Form, Result, Row } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { mobilityApi } from '../../api/endpoints';
import type { Episode } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { InlineError } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/title';
import { DocumentPreview, usePreview } from './outflow/DocumentPreview';
import { OutflowFields } from './outflow/OutflowFields';
import { Registered } from './outflow/Registered';
import type { Values } from './outflow/values';
import { mobilityWrites } from './shared';

export default function OutflowPage() {
  usePageTitle('外出登记');
  const { org } = useSelectedOrg();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [episode, setEpisode] = useState<Episode | null>(null);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const preview = usePreview(values?.memberId, values ?? {});
  const { busy, error, submit, reset } = useFormMutation({
    mutate: (v: Values) =>
      mobilityApi.createOutflow({
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
      }),
    invalidate: mobilityWrites,
    onDone: setEpisode,
  });

  if (!can('member.write')) {
    return <Result status="403" title="没有权限" subTitle="您的账号不能登记外出。" />;
  }

  const openEpisode =
    error instanceof ApiError && error.code === 'EPISODE_OPEN' && values?.memberId ? values.memberId : null;

  return (
    <Card title="外出登记" extra={<Button onClick={() => navigate('/mobility')}>返回台账</Button>}>
      {episode ? (
        <Registered
          episode={episode}
          onAgain={() => {
            setEpisode(null);
            reset();
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
              <OutflowFields values={values} orgId={org?.id} />
              <Button type="primary" htmlType="submit" size="large" loading={busy}>
                登记外出
              </Button>
            </Form>
          </Col>
          <Col xs={24} lg={10}>
            <DocumentPreview preview={preview} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
