import { DatePicker, Form, Input, InputNumber, Modal, Radio, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { mobilityApi } from '../../../api/endpoints';
import type { Episode, OutflowReason } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { validated } from '../../../lib/forms';
import { optionsOf, outflowReasonLabels } from '../../../lib/labels';
import { mobilityWrites } from '../shared';

interface OutflowEditValues {
  leftOn?: Dayjs;
  expectedMonths?: number;
  reason?: OutflowReason;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  relationshipCanMove: boolean;
  expectedReturnOn?: Dayjs | null;
  inflowOrgName?: string;
}

/**
 * 补全外出登记: an episode the register opened (是否为流动党员 on the 采集表 or the member form) lacks
 * the departure, the stay and the reason; once they are given the server decides the document
 * (RULES.md §2). Also corrects a registered outflow.
 */
export function CompleteOutflowModal({
  episode,
  onClose,
}: {
  episode: Pick<
    Episode,
    | 'id'
    | 'memberName'
    | 'leftOn'
    | 'expectedMonths'
    | 'reason'
    | 'destinationName'
    | 'needsCompletion'
    | 'expectedReturnOn'
    | 'inflowOrgName'
  > &
    Partial<Pick<Episode, 'fixedPlace' | 'hostHasPartyOrg' | 'relationshipCanMove'>>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<OutflowEditValues>();
  const fixedPlace = Form.useWatch('fixedPlace', form);
  const { busy, error, submit } = useFormMutation({
    mutate: (v: OutflowEditValues) =>
      mobilityApi.updateOutflow(episode.id, {
        leftOn: v.leftOn?.format('YYYY-MM-DD'),
        expectedMonths: v.expectedMonths,
        reason: v.reason,
        fixedPlace: v.fixedPlace,
        hostHasPartyOrg: v.fixedPlace && v.hostHasPartyOrg,
        relationshipCanMove: v.relationshipCanMove,
        expectedReturnOn: v.expectedReturnOn ? v.expectedReturnOn.format('YYYY-MM-DD') : null,
        ...(v.inflowOrgName?.trim() ? { inflowOrgName: v.inflowOrgName.trim() } : {}),
      }),
    success: `已${episode.needsCompletion ? '补全' : '修改'} ${episode.memberName} 的外出登记`,
    invalidate: mobilityWrites,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`${episode.needsCompletion ? '补全' : '修改'}外出登记：${episode.memberName}`}
      okText="保存"
      onOk={async () => submit(await validated(form))}
      confirmLoading={busy}
      onCancel={onClose}
      width={620}
    >
      <InlineError error={error} />
      {episode.needsCompletion && (
        <Typography.Paragraph type="secondary">
          该党员在登记表中标记为流动党员（外出流向：{episode.destinationName ?? '未填'}
          ），但没有外出日期和预计外出时间。补全后按规定确定须开具的证明，并记入外出党员登记簿。
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          leftOn: episode.leftOn ? dayjs(episode.leftOn) : undefined,
          expectedMonths: episode.expectedMonths ?? undefined,
          reason: episode.reason ?? undefined,
          fixedPlace: episode.fixedPlace ?? true,
          hostHasPartyOrg: episode.hostHasPartyOrg ?? false,
          relationshipCanMove: episode.relationshipCanMove ?? true,
          expectedReturnOn: episode.expectedReturnOn ? dayjs(episode.expectedReturnOn) : null,
          inflowOrgName: episode.inflowOrgName ?? undefined,
        }}
      >
        <Form.Item label="外出日期" name="leftOn" rules={[{ required: true, message: '请选择外出日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="预计外出时间"
          name="expectedMonths"
          rules={[{ required: true, message: '请填写预计外出几个月' }]}
        >
          <InputNumber min={0} max={600} precision={0} suffix="个月" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="外出原因" name="reason" rules={[{ required: true, message: '请选择外出原因' }]}>
          <Radio.Group optionType="button" options={optionsOf(outflowReasonLabels)} />
        </Form.Item>
        <Form.Item label="有固定的工作或居住地点" name="fixedPlace" valuePropName="checked">
          <Switch checkedChildren="固定" unCheckedChildren="不固定" />
        </Form.Item>
        <Form.Item label="所去单位建有党组织" name="hostHasPartyOrg" valuePropName="checked">
          <Switch checkedChildren="有" unCheckedChildren="没有" disabled={fixedPlace === false} />
        </Form.Item>
        <Form.Item
          label="组织关系可以转移"
          name="relationshipCanMove"
          valuePropName="checked"
          extra="外出 6 个月以上且地点固定，但组织关系暂无法转移的请关闭：使用流动党员活动证（篇三 县制度 二）"
        >
          <Switch checkedChildren="可以" unCheckedChildren="暂不能" disabled={fixedPlace === false} />
        </Form.Item>
        <Form.Item label="流入党组织" name="inflowOrgName" extra="已知时填写接收其参加组织生活的党组织名称">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="预计返回日期" name="expectedReturnOn">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
