import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { duesApi } from '../../../api/endpoints';
import { keys } from '../../../api/keys';
import type { DuesAssessment, DuesBaseComponent, DuesCategory } from '../../../api/types';
import { useFormMutation } from '../../../api/use-form-mutation';
import { InlineError } from '../../../components/QueryState';
import { validated } from '../../../lib/forms';
import { duesCategoryLabels } from '../../../lib/labels';
import { ratePercent } from '../labels';
import { duesWrites } from '../shared';

const categoryOptions = Object.entries(duesCategoryLabels).map(([value, label]) => ({ value, label }));

interface Values {
  category: DuesCategory;
  mode: 'components' | 'base';
  base?: number;
  components?: Record<string, number | null>;
  farmerAmount?: number;
  fromMonth?: string;
  reason?: string;
}

/** The included items of the category as amount fields, the excluded ones listed with their source. */
function Components({ items }: { items: DuesBaseComponent[] }) {
  const included = items.filter((c) => c.included);
  const excluded = items.filter((c) => !c.included);
  return (
    <>
      <Row gutter={12}>
        {included.map((c) => (
          <Col span={12} key={c.key}>
            <Form.Item label={c.label} name={['components', c.key]} tooltip={c.source ?? undefined}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter="元" />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {excluded.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="excluded-components"
          title="以下项目不计入计算基数"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {excluded.map((c) => (
                <li key={c.key}>
                  {c.label}
                  {c.source && <Typography.Text type="secondary">（{c.source}）</Typography.Text>}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </>
  );
}

/**
 * 核定党费 for one member, or (with `change`) a mid-year change, which needs the month it starts and a
 * reason (篇二: 年内一般不变动). The base is entered item by item as the pay slip lists them, or as one sum.
 */
export function AssessModal({
  member,
  year,
  change,
  onClose,
}: {
  member: { memberId: string; memberName: string };
  year: number;
  change?: DuesAssessment;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form) ?? change?.category;
  const mode = Form.useWatch('mode', form) ?? 'components';
  const [quote, setQuote] = useState<{ rate: string | null; monthlyAmount: string; capped: boolean } | null>(
    null,
  );
  const comps = useQuery({
    queryKey: keys.dues.baseComponents(category),
    queryFn: () => duesApi.baseComponents(category),
    enabled: !!category,
  });
  const save = useFormMutation({
    mutate: (v: Values) => {
      const components =
        v.mode === 'components' && v.components
          ? Object.fromEntries(
              Object.entries(v.components)
                .filter(([, a]) => a !== null && a !== undefined)
                .map(([k, a]) => [k, (a as number).toFixed(2)]),
            )
          : undefined;
      const body = {
        category: v.category,
        base: v.mode === 'base' && v.base !== undefined ? v.base.toFixed(2) : undefined,
        components,
        farmerAmount: v.farmerAmount !== undefined ? v.farmerAmount.toFixed(2) : undefined,
      };
      return change
        ? duesApi.changeAssessment(change.id, { ...body, fromMonth: v.fromMonth!, reason: v.reason!.trim() })
        : duesApi.assess({ ...body, memberId: member.memberId, year });
    },
    success: (r) => `已核定，每月 ${r.monthlyAmount} 元`,
    invalidate: duesWrites,
    onDone: onClose,
  });
  const preview = useFormMutation({
    mutate: (v: { category: DuesCategory; base?: string }) => duesApi.quote(v),
    onDone: setQuote,
  });
  const needsBase = (comps.data?.items.length ?? 0) > 0;
  return (
    <Modal
      open
      width={720}
      title={`${change ? '年中调整' : '核定党费'}：${member.memberName}（${year} 年）`}
      okText={change ? '保存调整' : '核定'}
      confirmLoading={save.busy}
      onOk={async () => save.submit(await validated(form))}
      onCancel={onClose}
    >
      <InlineError error={save.error ?? preview.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          category: change?.category,
          mode: 'components',
          components: change
            ? Object.fromEntries(change.included.map((l) => [l.key, Number(l.amount)]))
            : undefined,
        }}
        onValuesChange={() => setQuote(null)}
      >
        <Form.Item label="党员类别" name="category" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={categoryOptions} placeholder="选择类别" />
        </Form.Item>
        {category === 'farmer' && (
          <Form.Item label="每月定额（元）" name="farmerAmount" extra="农民党员在政策规定的范围内确定">
            <InputNumber min={0} precision={2} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {needsBase && (
          <>
            <Form.Item name="mode">
              <Radio.Group
                options={[
                  { value: 'components', label: '按工资项目填写' },
                  { value: 'base', label: '直接填写计算基数' },
                ]}
              />
            </Form.Item>
            {mode === 'base' ? (
              <Form.Item
                label="计算基数（元/月）"
                name="base"
                rules={[{ required: true, message: '请填写计算基数' }]}
              >
                <InputNumber
                  min={0}
                  precision={2}
                  style={{ width: '100%' }}
                  onBlur={() => {
                    const v = form.getFieldsValue();
                    if (v.category && v.base !== undefined)
                      preview.submit({ category: v.category, base: v.base.toFixed(2) });
                  }}
                />
              </Form.Item>
            ) : (
              <Components items={comps.data?.items ?? []} />
            )}
          </>
        )}
        {quote && (
          <Alert
            type="success"
            showIcon
            data-testid="assessment-preview"
            title={`每月 ${quote.monthlyAmount} 元（${ratePercent(quote.rate)}${quote.capped ? '，已按每月上限' : ''}）`}
          />
        )}
        {change && (
          <>
            <Divider />
            <Form.Item
              label="调整自（月份）"
              name="fromMonth"
              rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '格式如 2026-07' }]}
            >
              <Input placeholder={`${year}-07`} />
            </Form.Item>
            <Form.Item
              label="调整原因"
              name="reason"
              rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
            >
              <Input.TextArea rows={2} maxLength={500} placeholder="如：退休，改按离退休费核定" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
