import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Result, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { duesApi } from '../../../api/endpoints';
import type { DuesChannel, DuesCycleMember, DuesPaymentCreated } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { todayIso } from '../../../lib/format';
import { validated } from '../../../lib/forms';
import { duesChannelOptions, monthLabel } from '../labels';
import { duesWrites } from '../shared';

interface Values {
  months: string[];
  amount: number;
  paidOn: dayjs.Dayjs;
  channel: DuesChannel;
  reference?: string;
  onBehalf: boolean;
  payerName?: string;
  payerRelation?: string;
  overrideReason?: string;
  note?: string;
}

/** The twelve months up to the cycle's month: the ones a back-payment may name (the server judges the limit). */
const recentMonths = (month: string) =>
  Array.from({ length: 12 }, (_, i) => dayjs(`${month}-01`).subtract(i, 'month').format('YYYY-MM'));

/**
 * 登记交纳: the amount is prefilled from the month's assessed due (one month a tap); more months, 代缴 and
 * a back-payment beyond the limit are a field away. The receipt is there to print once it is recorded.
 */
export function PaymentModal({
  month,
  member,
  onClose,
}: {
  month: string;
  member: DuesCycleMember;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<DuesPaymentCreated | null>(null);
  const onBehalf = Form.useWatch('onBehalf', form);
  const pay = useFormMutation({
    mutate: (v: Values) =>
      duesApi.pay({
        memberId: member.memberId,
        months: v.months,
        amount: v.amount.toFixed(2),
        paidOn: v.paidOn.format('YYYY-MM-DD'),
        channel: v.channel,
        reference: v.reference?.trim() || undefined,
        paidBy: v.onBehalf
          ? { name: v.payerName!.trim(), relation: v.payerRelation?.trim() || undefined }
          : undefined,
        override: v.overrideReason?.trim() ? { reason: v.overrideReason.trim() } : undefined,
        note: v.note?.trim() || undefined,
      }),
    invalidate: duesWrites,
    onDone: setDone,
  });
  const backPayLimit = pay.error instanceof ApiError && pay.error.code === 'BACK_PAY_LIMIT';
  const perMonth = Number(member.due);

  if (done) {
    return (
      <Modal open title={`登记交纳：${member.memberName}`} onCancel={onClose} footer={null}>
        <Result
          status="success"
          title="已登记"
          subTitle={
            <div data-testid="payment-result">
              收据编号 <b data-testid="receipt-number">{done.receiptNumber ?? '—'}</b>
              {done.surplus !== '0.00' && (
                <div>
                  其中自愿多交 {done.surplus} 元{done.largeDues ? '，按大额党费单独登记' : ''}
                </div>
              )}
            </div>
          }
          extra={[
            <Button
              key="print"
              type="primary"
              onClick={() => window.open(duesApi.receiptPdfUrl(done.id), '_blank', 'noopener')}
            >
              打印收据
            </Button>,
            <Button key="close" onClick={onClose}>
              关闭
            </Button>,
          ]}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={`登记交纳：${member.memberName}`}
      okText="登记"
      confirmLoading={pay.busy}
      onOk={async () => pay.submit(await validated(form))}
      onCancel={onClose}
      width={560}
    >
      <InlineError error={pay.error} />
      {backPayLimit && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="补交最多可追溯 6 个月；确有特殊情况，请在下方填写原因后再登记"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          months: [month],
          amount: perMonth,
          paidOn: dayjs(todayIso()),
          channel: 'cash',
          onBehalf: false,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          // One more month is one more month's assessed amount; the server checks the total (DUES_SHORT).
          if (changed.months)
            form.setFieldValue('amount', Number((perMonth * changed.months.length).toFixed(2)));
        }}
      >
        <Form.Item label="交纳月份" name="months" rules={[{ required: true, message: '请选择月份' }]}>
          <Select
            mode="multiple"
            options={recentMonths(month).map((m) => ({ value: m, label: monthLabel(m) }))}
          />
        </Form.Item>
        <Form.Item
          label="金额（元）"
          name="amount"
          extra={`按年初核定每月 ${member.due} 元；多交部分记为自愿交纳`}
          rules={[{ required: true, message: '请填写金额' }]}
        >
          <InputNumber min={0} precision={2} step={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="交纳日期" name="paidOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="交纳方式" name="channel" rules={[{ required: true }]}>
          <Select options={duesChannelOptions} />
        </Form.Item>
        <Form.Item label="转账单号/备注号（可不填）" name="reference">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label="代缴"
          name="onBehalf"
          valuePropName="checked"
          extra="经党支部同意，可由亲属或其他党员代为交纳"
        >
          <Switch />
        </Form.Item>
        {onBehalf && (
          <>
            <Form.Item
              label="代缴人姓名"
              name="payerName"
              rules={[{ required: true, message: '请填写代缴人' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label="与本人关系" name="payerRelation">
              <Input maxLength={50} placeholder="如：配偶、父亲、同支部党员" />
            </Form.Item>
          </>
        )}
        {backPayLimit && (
          <Form.Item
            label="超过补交期限的原因"
            name="overrideReason"
            rules={[{ required: true, message: '请填写原因' }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
